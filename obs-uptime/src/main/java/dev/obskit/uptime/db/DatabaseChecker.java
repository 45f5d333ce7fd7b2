package dev.obskit.uptime.db;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.DatabaseSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.check.Timings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Database checks through JDBC with the host's driver: connect, run the spec's query, compare
 * the first value. Every step is bounded by the monitor's timeout: the login and socket timeouts
 * are passed as driver properties for PostgreSQL ({@code connectTimeout}, {@code socketTimeout},
 * {@code loginTimeout}, seconds) and MySQL/MariaDB ({@code connectTimeout}, {@code
 * socketTimeout}, ms), then {@link Connection#setNetworkTimeout} and {@link
 * Statement#setQueryTimeout}. Other drivers take their own URL parameters; a driver ignoring all
 * of them is still cut off by the module's budget (UNKNOWN). The connection is never pooled: a
 * check proves that a new client can log in. Causes never carry the password or URL parameters.
 * Thread-safe.
 */
public final class DatabaseChecker extends BlockingChecker {
  /** Longest value kept in the result's details. */
  static final int MAX_VALUE = 200;

  /** Creates a checker running probes on {@code executor}. */
  public DatabaseChecker(Clock clock, Executor executor) {
    super(clock, executor);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.DATABASE;
  }

  @Override
  public String getName() {
    return "jdbc";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws SQLException {
    DatabaseSpec spec = (DatabaseSpec) monitor.spec();
    int timeoutMillis = (int) monitor.timeout().toMillis();
    int timeoutSeconds = Math.max(1, (timeoutMillis + 999) / 1000);
    String value;
    long connected;
    try (Connection c = DriverManager.getConnection(spec.jdbcUrl(),
        properties(spec, timeoutMillis, timeoutSeconds))) {
      connected = System.nanoTime() - startNanos;
      // one second beyond the query timeout, so the server-side cancel normally answers first
      c.setNetworkTimeout(Runnable::run, timeoutMillis + 1000);
      try (Statement st = c.createStatement()) {
        st.setQueryTimeout(timeoutSeconds);
        st.setMaxRows(1);
        try (ResultSet rs = st.executeQuery(spec.query())) {
          value = rs.next() ? String.valueOf(rs.getString(1)) : null;
        }
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
        return CheckResult.unknown(startedAt, SkipCause.CHECKER_FAILED, "no JDBC driver for "
            + DatabaseSpec.redact(spec.jdbcUrl()) + " on the host's class path");
      }
      return CheckResult.down(startedAt, Timings.total(System.nanoTime() - startNanos),
          describe(e, timeoutMillis));
    }
    Timings t = new Timings(0, connected, 0, 0, System.nanoTime() - startNanos);
    String failure = verdict(spec, value);
    CheckResult r = failure.isEmpty() ? CheckResult.up(startedAt, t)
        : CheckResult.down(startedAt, t, failure);
    return value == null ? r : r.withDetails(Map.of("value", clip(value)));
  }

  private static String verdict(DatabaseSpec spec, String value) {
    if (spec.expectedValue().isEmpty()) {
      return "";
    }
    String expected = spec.expectedValue().get();
    if (value == null) {
      return "query returned no row, expected '" + clip(expected) + "'";
    }
    return value.equals(expected) ? ""
        : "query returned '" + clip(value) + "', expected '" + clip(expected) + "'";
  }

  private static Properties properties(DatabaseSpec spec, int millis, int seconds) {
    Properties p = new Properties();
    if (!spec.user().isEmpty()) {
      p.setProperty("user", spec.user());
    }
    if (!spec.password().isEmpty()) {
      p.setProperty("password", spec.password());
    }
    String url = spec.jdbcUrl().toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:postgresql:")) {
      p.setProperty("connectTimeout", Integer.toString(seconds));
      p.setProperty("socketTimeout", Integer.toString(seconds + 1));
      p.setProperty("loginTimeout", Integer.toString(seconds));
    } else if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
      p.setProperty("connectTimeout", Integer.toString(millis));
      p.setProperty("socketTimeout", Integer.toString(millis + 1000));
    }
    return p;
  }

  /** One line naming the SQL state; never the password (drivers do not echo it). */
  static String describe(SQLException e, int timeoutMillis) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage().strip().replace('\n', ' ');
    if (e instanceof java.sql.SQLTimeoutException || state.equals("57014")) {
      return "timed out after " + timeoutMillis + " ms (query canceled: " + clip(message) + ")";
    }
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException) {
        return "timed out after " + timeoutMillis + " ms (no answer from the database)";
      }
    }
    if (state.startsWith("08")) {
      return "database connection failed (SQL state " + state + "): " + clip(message);
    }
    return "database error" + (state.isEmpty() ? "" : " (SQL state " + state + ")") + ": "
        + clip(message);
  }

  private static String clip(String s) {
    return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 3) + "...";
  }
}
