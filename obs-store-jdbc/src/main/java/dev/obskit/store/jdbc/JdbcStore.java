package dev.obskit.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.obskit.core.config.Checks;
import dev.obskit.core.store.Store;
import dev.obskit.core.store.StoreException;
import dev.obskit.core.store.StoredKeys;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} over JDBC: the repositories of obs-incidents, obs-errors, obs-billing and
 * obs-uptime's history (those on the class path) in one database, and the kit's generated keys.
 * Embedded H2 in a file by default ({@link #h2(Path)}), PostgreSQL to scale out ({@link Builder#setUrl}), or a {@link
 * DataSource} the host already has ({@link Builder#setDataSource}).
 *
 * <pre>{@code
 * ObsKit.builder().setStore(JdbcStore.h2(Path.of("/var/lib/myapp/obskit")))
 * ObsKit.builder().setStore(JdbcStore.builder().setUrl("jdbc:postgresql://db:5432/app")
 *     .setUser("obskit").setPassword(secret).build())
 * }</pre>
 *
 * <p>{@link #open()} (the kit calls it in {@code build()}) creates the HikariCP pool when ObsKit
 * owns the connection settings, checks the database answers within the connect timeout, and runs
 * every present module's Flyway migrations; a schema migrated by a newer ObsKit is refused. Errors
 * name the URL and user, never the password. Thread-safe; repository calls block for their
 * database round trips.
 */
public final class JdbcStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)(password|pwd|passwd)=[^;&]*");
  /** Default schema every table lives in. */
  public static final String DEFAULT_SCHEMA = "obskit";
  /** Default largest pool when ObsKit creates it. */
  public static final int DEFAULT_POOL_SIZE = 10;
  /** Default time the database has to answer at open. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default number of events kept per error issue (obs-errors' default too). */
  public static final int DEFAULT_EVENTS_PER_ISSUE = 100;
  /** Default number of transactions kept per error project (obs-errors' default too). */
  public static final int DEFAULT_TRANSACTIONS_PER_PROJECT = 10_000;

  private final Builder settings;
  private final String description;
  private final ConcurrentHashMap<Class<?>, Optional<Object>> repositories = new ConcurrentHashMap<>();
  private volatile Db db;
  private volatile HikariDataSource ownedPool;
  private volatile JdbcKeys keys;

  private JdbcStore(Builder b) {
    this.settings = b;
    this.description = b.dataSource != null ? "host DataSource (schema " + b.schema + ")"
        : redact(b.url) + " as " + (b.user == null ? "default user" : "'" + b.user + "'")
            + " (schema " + b.schema + ")";
  }

  /** Returns a builder; set a URL or a data source. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a store in an embedded H2 database file {@code obskit.mv.db} under {@code directory}. */
  public static JdbcStore h2(Path directory) {
    return builder().setUrl(h2Url(directory)).setUser("sa").build();
  }

  /** Returns the JDBC URL of the embedded H2 database under {@code directory}. */
  public static String h2Url(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("obskit")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  @Override
  public synchronized void open() {
    if (db != null) {
      return;
    }
    DataSource ds = settings.dataSource != null ? settings.dataSource : createPool();
    try {
      Dialect dialect = dialectOf(ds);
      Migrations.migrate(ds, dialect, settings.schema, description);
      Db opened = new Db(ds, dialect, settings.schema, description);
      this.keys = new JdbcKeys(opened);
      this.db = opened;
      log.info("ObsKit store open on {}", description);
    } catch (RuntimeException e) {
      closePool();
      throw e;
    }
  }

  private DataSource createPool() {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(settings.url);
    if (settings.user != null) {
      c.setUsername(settings.user);
    }
    if (settings.password != null) {
      c.setPassword(settings.password);
    }
    c.setMaximumPoolSize(settings.poolSize);
    c.setMinimumIdle(Math.min(2, settings.poolSize));
    c.setConnectionTimeout(Math.max(250, settings.connectTimeout.toMillis()));
    c.setInitializationFailTimeout(Math.max(1, settings.connectTimeout.toMillis()));
    c.setPoolName("obskit-store");
    try {
      ownedPool = new HikariDataSource(c);
      return ownedPool;
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + description + ": " + rootMessage(e), e);
    }
  }

  private Dialect dialectOf(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      return Dialect.of(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new StoreException("cannot connect to " + description + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return redact(String.valueOf(t.getMessage()));
  }

  static String redact(String text) {
    return text == null ? null : URL_SECRET.matcher(text).replaceAll("$1=***");
  }

  @Override
  public <R> Optional<R> repository(Class<R> type) {
    Objects.requireNonNull(type, "type");
    Db opened = requireOpen();
    return repositories.computeIfAbsent(type, t -> Optional.ofNullable(create(t.getName(), opened)))
        .map(type::cast);
  }

  private Object create(String type, Db opened) {
    if (type.startsWith("dev.obskit.incidents.")) {
      return IncidentsTables.create(type, opened);
    }
    if (type.startsWith("dev.obskit.errors.")) {
      return ErrorsTables.create(type, opened, settings.eventsPerIssue,
          settings.transactionsPerProject);
    }
    if (type.startsWith("dev.obskit.billing.")) {
      return BillingTables.create(type, opened);
    }
    if (type.startsWith("dev.obskit.uptime.")) {
      return UptimeTables.create(type, opened);
    }
    return null;
  }

  @Override
  public StoredKeys keys() {
    requireOpen();
    return keys;
  }

  @Override
  public boolean durable() {
    return true;
  }

  private Db requireOpen() {
    Db opened = db;
    if (opened == null) {
      throw new IllegalStateException("JdbcStore on " + description
          + " is not open; ObsKitBuilder.build() opens it, or call open()");
    }
    return opened;
  }

  /** Closes the pool ObsKit created (a host's DataSource is left alone). Idempotent. */
  @Override
  public synchronized void close() {
    db = null;
    repositories.clear();
    closePool();
  }

  private void closePool() {
    HikariDataSource pool = ownedPool;
    ownedPool = null;
    if (pool != null) {
      pool.close();
    }
  }

  /** Returns the schema every table lives in. */
  public String schema() {
    return settings.schema;
  }

  @Override
  public String toString() {
    return "JdbcStore on " + description;
  }

  /** Builds a {@link JdbcStore}. Not thread-safe. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private String schema = DEFAULT_SCHEMA;
    private int poolSize = DEFAULT_POOL_SIZE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int eventsPerIssue = DEFAULT_EVENTS_PER_ISSUE;
    private int transactionsPerProject = DEFAULT_TRANSACTIONS_PER_PROJECT;

    private Builder() {}

    /** Sets the JDBC URL ({@code jdbc:postgresql:...} or {@code jdbc:h2:...}); ObsKit pools it. */
    public Builder setUrl(String url) {
      this.url = Checks.notBlank("url", url);
      return this;
    }

    /** Sets the database user. */
    public Builder setUser(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** Sets the database password; it never appears in messages or logs. */
    public Builder setPassword(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Uses the host's data source (already pooled) instead of a URL; ObsKit never closes it. */
    public Builder setDataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Sets the schema every table lives in (lower case letters, digits, _); default obskit. */
    public Builder setSchema(String schema) {
      Objects.requireNonNull(schema, "schema");
      if (!SCHEMA.matcher(schema).matches()) {
        throw new IllegalArgumentException("schema must match " + SCHEMA + ", got '" + schema + "'");
      }
      this.schema = schema;
      return this;
    }

    /** Sets the largest pool ObsKit creates, 1 to 200; default 10. */
    public Builder setPoolSize(int poolSize) {
      this.poolSize = (int) Checks.between("poolSize", poolSize, 1, 200);
      return this;
    }

    /** Sets how long the database has to answer at open, 100 ms to 5 minutes; default 10 s. */
    public Builder setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.durationBetween("connectTimeout", connectTimeout,
          Duration.ofMillis(100), Duration.ofMinutes(5));
      return this;
    }

    /** Sets how many events each error issue keeps (oldest dropped), 1 to 100,000; default 100. */
    public Builder setEventsPerIssue(int eventsPerIssue) {
      this.eventsPerIssue = (int) Checks.between("eventsPerIssue", eventsPerIssue, 1, 100_000);
      return this;
    }

    /** Sets how many transactions each error project keeps, 1 to 1,000,000; default 10,000. */
    public Builder setTransactionsPerProject(int transactionsPerProject) {
      this.transactionsPerProject = (int) Checks.between("transactionsPerProject",
          transactionsPerProject, 1, 1_000_000);
      return this;
    }

    /** Builds the store (not yet open); throws if neither or both of URL and data source are set. */
    public JdbcStore build() {
      if ((url == null) == (dataSource == null)) {
        throw new IllegalStateException("set exactly one of url and dataSource");
      }
      if (url != null) {
        Dialect.of(url);
      }
      return new JdbcStore(this);
    }
  }
}
