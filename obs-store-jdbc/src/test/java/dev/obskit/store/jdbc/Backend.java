package dev.obskit.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obskit.core.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The three stores every contract test runs on. PostgreSQL is the local server at
 * 127.0.0.1:5432 (trust auth, database {@code test}); each store gets a schema of its own, dropped
 * by {@link #close}. When the server does not answer the tests FAIL with how to start it, unless
 * {@code -Dobs.test.postgres=skip} is set (never set in CI).
 */
enum Backend {
  MEMORY, H2, POSTGRES;

  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  static final String SKIP_PROPERTY = "obs.test.postgres";

  /** Opens a fresh store of this kind; {@code dir} is a temporary directory for H2. */
  Store open(Path dir) {
    Store store = switch (this) {
      case MEMORY -> Store.inMemory();
      case H2 -> JdbcStore.h2(dir);
      case POSTGRES -> postgres(freshSchema());
    };
    store.open();
    return store;
  }

  static JdbcStore postgres(String schema) {
    requirePostgres();
    return JdbcStore.builder().setUrl(PG_URL).setUser(PG_USER).setSchema(schema).setPoolSize(4)
        .build();
  }

  static String freshSchema() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
        .toLowerCase(Locale.ROOT);
  }

  /** Closes {@code store}; on PostgreSQL also drops its schema. */
  void close(Store store) {
    store.close();
    if (this == POSTGRES && store instanceof JdbcStore jdbc) {
      dropSchema(jdbc.schema());
    }
  }

  static void dropSchema(String schema) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }

  /** Fails (or, with -Dobs.test.postgres=skip, skips) when PostgreSQL does not answer. */
  static void requirePostgres() {
    boolean skip = "skip".equals(System.getProperty(SKIP_PROPERTY));
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      if (c.isValid(3)) {
        return;
      }
    } catch (SQLException e) {
      if (skip) {
        assumeTrue(false, "PostgreSQL tests skipped (-Dobs.test.postgres=skip): " + e.getMessage());
      }
      fail("PostgreSQL at 127.0.0.1:5432 (database test, user postgres) is not reachable: "
          + e.getMessage() + ". Start it with: pg_ctlcluster --skip-systemctl-redirect "
          + "$(ls /etc/postgresql) main start   -- or skip these tests with -Dobs.test.postgres=skip");
    }
  }
}
