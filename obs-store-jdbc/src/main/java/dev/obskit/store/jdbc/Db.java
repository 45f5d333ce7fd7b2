package dev.obskit.store.jdbc;

import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC plumbing every repository shares: connections from one pool, transactions, the dialect,
 * the schema every table lives in, and the translation of SQL errors into the store exceptions of
 * obs-core. Thread-safe.
 */
final class Db {
  /** SQLState of a unique or primary key violation, the same on PostgreSQL and H2. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String schema;
  private final String description;

  Db(DataSource dataSource, Dialect dialect, String schema, String description) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.schema = schema;
    this.description = description;
  }

  /** Something done with a connection that may throw {@link SQLException}. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Binds the parameters of a statement. */
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads one row. */
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Attempts to get a connection before giving up; nothing was sent, so retrying is safe. */
  static final int CONNECT_ATTEMPTS = 4;
  /** Wait before the second attempt; doubled before each later one (50, 100, 200 ms). */
  static final long FIRST_BACKOFF_MILLIS = 50;

  /**
   * Returns a pooled connection; the caller closes it. A failure to connect (SQLState class 08,
   * the pool timing out) is retried with backoff, at most {@value #CONNECT_ATTEMPTS} attempts:
   * nothing was sent yet, so a retry can never apply a write twice. Failures once connected are
   * never retried here (a lost commit's outcome is unknown; the caller's version check or
   * idempotency key decides).
   */
  Connection connection() throws SQLException {
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        return dataSource.getConnection();
      } catch (SQLException e) {
        if (attempt >= CONNECT_ATTEMPTS || !isConnectFailure(e)) {
          throw e;
        }
        pause(backoff, e);
        backoff *= 2;
      }
    }
  }

  private static boolean isConnectFailure(SQLException e) {
    String state = e.getSQLState();
    return e instanceof java.sql.SQLTransientConnectionException
        || (state != null && state.startsWith("08"));
  }

  private static void pause(long millis, SQLException cause) throws SQLException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** Returns {@code table} qualified with the store's schema. */
  String table(String table) {
    return schema + "." + table;
  }

  /** Runs {@code work} in one transaction, committing if it returns, rolling back if it throws. */
  <T> T tx(String what, Work<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  /** Runs {@code work} on one connection in auto-commit mode. */
  <T> T run(String what, Work<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  /** Runs one update statement on its own; returns the updated row count. */
  int update(String what, String sql, Binder binder) {
    return run(what, c -> update(c, sql, binder));
  }

  static int update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    }
  }

  /** Runs one query on its own and maps every row. */
  <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
    return run(what, c -> query(c, sql, binder, mapper));
  }

  static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /** Runs one query on its own and maps its first row, if any. */
  <T> Optional<T> queryOne(String what, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = query(what, sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Returns a count query's single number. */
  long count(String what, String sql, Binder binder) {
    return queryOne(what, sql, binder, rs -> rs.getLong(1)).orElse(0L);
  }

  /** Returns whether {@code e} is a unique-key violation. */
  static boolean isDuplicate(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  RuntimeException translate(String what, SQLException e) {
    if (isDuplicate(e)) {
      return new DuplicateKeyException(what);
    }
    return new StoreException(what + " failed on " + description + ": " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return description;
  }
}
