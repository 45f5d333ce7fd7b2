package dev.obskit.telemetry.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * SQL over the logs the NDJSON {@code FileSink} wrote, with DuckDB (the optional dependency
 * {@code org.duckdb:duckdb_jdbc}) reading the files in place. Queries see one view, {@code logs}:
 *
 * <pre>
 * ts TIMESTAMPTZ, kind, dt, level, message, logger, thread, trace_id, span_id VARCHAR,
 * severity INTEGER, attributes JSON, exception JSON
 * </pre>
 *
 * e.g. {@code SELECT level, count(*) FROM logs WHERE ts > now() - INTERVAL 1 HOUR GROUP BY level}.
 *
 * <p>Bounds: each query runs on one DuckDB thread with {@code memoryLimit} (DuckDB spills or fails
 * the query beyond it), is cancelled after {@code timeout}, and returns at most {@code maxRows}
 * rows; the configuration is locked so a query cannot raise the limits. Only one statement that
 * starts with {@code SELECT} or {@code WITH} is accepted. DuckDB table functions can still read
 * other files the process can read: give this API to trusted callers only, never raw SQL from the
 * network. Thread-safe (queries run one at a time); blocks the caller up to the timeout.
 */
public final class LocalLogQuery implements AutoCloseable {
  /** Default memory limit per query. */
  public static final String DEFAULT_MEMORY_LIMIT = "256MB";
  /** Default time limit per query. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Default row limit per result. */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  private static final String COLUMNS = "{kind:'VARCHAR',dt:'VARCHAR',level:'VARCHAR',"
      + "severity:'INTEGER',message:'VARCHAR',logger:'VARCHAR',thread:'VARCHAR',"
      + "trace_id:'VARCHAR',span_id:'VARCHAR',attributes:'JSON',exception:'JSON'}";

  private final Path directory;
  private final Duration timeout;
  private final int maxRows;
  private final Connection connection;
  private final ScheduledExecutorService watchdog;
  private final Object lock = new Object();

  private LocalLogQuery(Path directory, Duration timeout, int maxRows, Connection connection) {
    this.directory = directory;
    this.timeout = timeout;
    this.maxRows = maxRows;
    this.connection = connection;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "obskit-telemetry-query-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens with the defaults over the NDJSON files in {@code logsDirectory}. */
  public static LocalLogQuery open(Path logsDirectory) {
    return open(logsDirectory, DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS);
  }

  /**
   * Opens an in-memory DuckDB over {@code logsDirectory/*.ndjson}.
   *
   * @param memoryLimit DuckDB size, e.g. {@code 256MB}
   * @throws IllegalArgumentException naming a bad limit
   * @throws IllegalStateException if DuckDB is not on the classpath or cannot start
   */
  public static LocalLogQuery open(Path logsDirectory, String memoryLimit, Duration timeout,
      int maxRows) {
    requireNonNull(logsDirectory, "logsDirectory");
    if (!memoryLimit.matches("\\d{1,6}\\s*(KB|MB|GB)")) {
      throw new IllegalArgumentException("memoryLimit must look like 256MB, got '" + memoryLimit + "'");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
    }
    String glob = logsDirectory.toAbsolutePath().resolve("*.ndjson").toString().replace("'", "''");
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        s.execute("SET memory_limit='" + memoryLimit + "'");
        s.execute("SET threads=1");
        s.execute("CREATE VIEW logs AS SELECT TRY_CAST(dt AS TIMESTAMPTZ) AS ts, * FROM read_ndjson('"
            + glob + "', columns=" + COLUMNS + ", union_by_name=true, ignore_errors=true)");
        s.execute("SET lock_configuration=true");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return new LocalLogQuery(logsDirectory, timeout, maxRows, c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start DuckDB for local log queries (is"
          + " org.duckdb:duckdb_jdbc on the classpath?): " + e.getMessage(), e);
    }
  }

  /**
   * Runs one {@code SELECT}/{@code WITH} statement over {@code logs}.
   *
   * @throws IllegalArgumentException for any other statement
   * @throws QueryException when the query fails, is cancelled at the timeout, or exceeds the
   *     memory limit; the message says which
   */
  public QueryResult query(String sql) {
    requireNonNull(sql, "sql");
    String trimmed = sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    String head = trimmed.toLowerCase(Locale.ROOT);
    if (!(head.startsWith("select") || head.startsWith("with")) || trimmed.contains(";")) {
      throw new IllegalArgumentException("only one SELECT or WITH statement is accepted");
    }
    if (!hasLogFiles()) {
      return new QueryResult(List.of(), List.of(), false);
    }
    synchronized (lock) {
      return run(trimmed);
    }
  }

  private boolean hasLogFiles() {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".ndjson"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private QueryResult run(String sql) {
    AtomicBoolean timedOut = new AtomicBoolean();
    try (Statement s = connection.createStatement()) {
      ScheduledFuture<?> cancel = watchdog.schedule(() -> {
        timedOut.set(true);
        try {
          s.cancel();
        } catch (SQLException ignored) {
          // the statement finished meanwhile
        }
      }, timeout.toMillis(), TimeUnit.MILLISECONDS);
      try (ResultSet rs = s.executeQuery(sql)) {
        return read(rs);
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      if (timedOut.get()) {
        throw new QueryException("query cancelled after the " + timeout + " time limit", e);
      }
      throw new QueryException("query failed: " + e.getMessage(), e);
    }
  }

  private QueryResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(rs.getObject(i));
      }
      rows.add(java.util.Collections.unmodifiableList(row));
    }
    return new QueryResult(columns, rows, truncated);
  }

  /**
   * Deletes the NDJSON files last written before {@code now - retention} (files are written in
   * time order, so this drops whole time ranges); the newest file is always kept. Returns how many
   * were deleted.
   */
  public int applyRetention(Duration retention, Clock clock) {
    Instant cutoff = clock.instant().minus(retention);
    List<Path> files;
    try (Stream<Path> s = Files.list(directory)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".ndjson")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    int deleted = 0;
    for (int i = 0; i < files.size() - 1; i++) {
      try {
        if (Files.getLastModifiedTime(files.get(i)).toInstant().isBefore(cutoff)
            && Files.deleteIfExists(files.get(i))) {
          deleted++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + files.get(i), e);
      }
    }
    return deleted;
  }

  /** Closes DuckDB; idempotent. */
  @Override
  public void close() {
    watchdog.shutdownNow();
    try {
      connection.close();
    } catch (SQLException e) {
      // closing an in-memory database: nothing to keep
    }
  }

  /**
   * A query's result.
   *
   * @param columns column labels
   * @param rows values per row (JDBC objects: String, Long, Integer, Double, OffsetDateTime, ...)
   * @param truncated true if more rows existed than the row limit
   */
  public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
    public QueryResult {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /** A query failed, was cancelled at its time limit, or exceeded its memory limit. */
  public static final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
