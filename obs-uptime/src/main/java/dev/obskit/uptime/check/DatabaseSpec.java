package dev.obskit.uptime.check;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Connect through JDBC and run one query. The driver is the host's: put it on the class path
 * (e.g. {@code org.postgresql:postgresql}); ObsKit depends on none. UP when the connection opens
 * and the query answers within the timeout and, with {@code expectedValue}, the first column of
 * the first row equals it (as text; SQL NULL reads as {@code "null"}); without one, the query must
 * merely succeed. The password is never printed ({@link #toString()}) nor put in a cause.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db.internal:5432/app}; anything after {@code ?}
 *     is kept out of logs and causes
 * @param user login, may be empty
 * @param password may be empty
 * @param query e.g. {@code select 1} or {@code select status from health}
 * @param expectedValue the value the first column of the first row must equal, if any
 */
public record DatabaseSpec(String jdbcUrl, String user, String password, String query,
    Optional<String> expectedValue) implements CheckSpec {
  /** Longest query text accepted. */
  public static final int MAX_QUERY = 4096;

  /** Validates the components. */
  public DatabaseSpec {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:") || jdbcUrl.length() > 2048 || jdbcUrl.contains("\n")) {
      throw new IllegalArgumentException("jdbcUrl must be a jdbc: URL of at most 2048"
          + " characters, got '" + redact(jdbcUrl) + "'");
    }
    user = Objects.requireNonNull(user, "user");
    password = Objects.requireNonNull(password, "password");
    Objects.requireNonNull(query, "query");
    if (query.isBlank() || query.length() > MAX_QUERY) {
      throw new IllegalArgumentException("query must be 1 to " + MAX_QUERY
          + " characters, got " + query.length());
    }
    Objects.requireNonNull(expectedValue, "expectedValue");
  }

  /** A spec that only requires {@code query} to succeed. */
  public static DatabaseSpec of(String jdbcUrl, String user, String password, String query) {
    return new DatabaseSpec(jdbcUrl, user, password, query, Optional.empty());
  }

  /** Returns a copy requiring the first column of the first row to equal {@code value}. */
  public DatabaseSpec expecting(String value) {
    return new DatabaseSpec(jdbcUrl, user, password, query,
        Optional.of(Objects.requireNonNull(value, "value")));
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.DATABASE;
  }

  /** The host of {@code jdbc:sub://host:port/...}, or the subprotocol when the URL has none. */
  @Override
  public String targetHost() {
    int slashes = jdbcUrl.indexOf("//");
    if (slashes < 0) {
      return jdbcUrl.substring(5, Math.max(5, jdbcUrl.indexOf(':', 5))).toLowerCase(Locale.ROOT)
          + "-db";
    }
    String rest = jdbcUrl.substring(slashes + 2);
    int end = 0;
    while (end < rest.length() && ":/?;,".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String host = rest.substring(0, end).toLowerCase(Locale.ROOT);
    return host.isEmpty() ? "localhost" : host;
  }

  /** Returns the URL without its parameters (which may carry credentials). */
  public static String redact(String url) {
    int q = url.indexOf('?');
    int semi = url.indexOf(';');
    int cut = q < 0 ? semi : semi < 0 ? q : Math.min(q, semi);
    return cut < 0 ? url : url.substring(0, cut) + "?...";
  }

  @Override
  public String toString() {
    return redact(jdbcUrl) + (user.isEmpty() ? "" : " as " + user) + ": " + query
        + expectedValue.map(v -> " = '" + v + "'").orElse("");
  }
}
