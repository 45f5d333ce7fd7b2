package dev.obskit.store.jdbc;

import dev.obskit.core.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Runs each module's versioned migrations with Flyway: one history table per module ({@code
 * obs_schema_history_<module>}), scripts under {@code dev/obskit/store/jdbc/migration/<module>},
 * all in the store's schema. A module whose classes are not on the class path is skipped. A schema
 * that a newer ObsKit migrated further than this code knows is refused before anything runs.
 */
final class Migrations {
  /** A module's migrations, run when {@code marker} (one of its classes) is on the class path. */
  record Module(String name, String marker) {}

  static final List<Module> MODULES = List.of(
      new Module("core", "dev.obskit.core.store.Store"),
      new Module("incidents", "dev.obskit.incidents.IncidentsModule"),
      new Module("errors", "dev.obskit.errors.ErrorsModule"),
      new Module("billing", "dev.obskit.billing.BillingModule"),
      new Module("uptime", "dev.obskit.uptime.UptimeModule"));

  private Migrations() {}

  /** Migrates every present module; returns the names migrated. */
  static List<String> migrate(DataSource dataSource, Dialect dialect, String schema,
      String description) {
    List<String> migrated = new ArrayList<>();
    for (Module m : MODULES) {
      if (present(m.marker())) {
        migrate(flyway(dataSource, dialect, schema, m.name(), null), m.name(), description);
        migrated.add(m.name());
      }
    }
    return migrated;
  }

  static Flyway flyway(DataSource dataSource, Dialect dialect, String schema, String module,
      String target) {
    var config = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource).schemas(schema).defaultSchema(schema)
        .table("obs_schema_history_" + module)
        .locations("classpath:dev/obskit/store/jdbc/migration/" + module)
        .placeholders(dialect.placeholders())
        .baselineOnMigrate(true).baselineVersion("0")
        .ignoreMigrationPatterns("")
        .loggers("slf4j");
    if (target != null) {
      config = config.target(target);
    }
    return config.load();
  }

  private static void migrate(Flyway flyway, String module, String description) {
    try {
      refuseFutureSchema(flyway, module, description);
      flyway.migrate();
    } catch (FlywayException e) {
      throw new StoreException("migrating the " + module + " schema on " + description
          + " failed: " + e.getMessage(), e);
    }
  }

  private static void refuseFutureSchema(Flyway flyway, String module, String description) {
    MigrationInfo current = flyway.info().current();
    MigrationInfo[] pending = flyway.info().all();
    for (MigrationInfo i : pending) {
      if (i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED) {
        throw new StoreException("the " + module + " schema on " + description + " is at version "
            + current.getVersion() + ", newer than this ObsKit knows (" + newestKnown(pending)
            + "); refusing to start: upgrade ObsKit or point it at another database");
      }
    }
  }

  private static String newestKnown(MigrationInfo[] all) {
    String newest = "none";
    for (MigrationInfo i : all) {
      if (i.getState() != MigrationState.FUTURE_SUCCESS && i.getState() != MigrationState.FUTURE_FAILED
          && i.getVersion() != null) {
        newest = i.getVersion().getVersion();
      }
    }
    return newest;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Migrations.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
