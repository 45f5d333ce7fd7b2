package dev.obskit.uptime.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.CheckStatus;
import dev.obskit.uptime.check.DatabaseSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JDBC checks against the local PostgreSQL (trust auth), in a schema of this run's own. */
class DatabaseCheckerTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA = "uptime_db_" + UUID.randomUUID().toString()
      .replace("-", "").substring(0, 12);
  private static final String SECRET = "s3cret-pw-never-shown";

  private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @BeforeAll
  static void createSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
         Statement st = c.createStatement()) {
      st.execute("create schema " + SCHEMA);
      st.execute("create table " + SCHEMA + ".health (status text)");
      st.execute("insert into " + SCHEMA + ".health values ('ok')");
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    POOL.shutdownNow();
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
         Statement st = c.createStatement()) {
      st.execute("drop schema if exists " + SCHEMA + " cascade");
    }
  }

  private CheckResult check(DatabaseSpec spec, Duration timeout) throws Exception {
    Monitor m = Monitor.builder(MonitorId.of("db"), TeamId.of("t"), spec)
        .setFrequency(Duration.ofSeconds(30)).setTimeout(timeout).build();
    return new DatabaseChecker(clock, POOL).check(m).get(30, TimeUnit.SECONDS);
  }

  private static DatabaseSpec spec(String url, String query) {
    return DatabaseSpec.of(url, "postgres", SECRET, query);
  }

  @Test
  void query_expectedValueMatches_isUpWithTheValue() throws Exception {
    CheckResult r = check(spec(URL, "select status from " + SCHEMA + ".health")
        .expecting("ok"), Duration.ofSeconds(5));
    assertThat(r.isUp()).as(r.failureCause()).isTrue();
    assertThat(r.details()).containsEntry("value", "ok");
    assertThat(r.timings().connectNanos()).isPositive();
  }

  @Test
  void query_withoutExpectedValue_succeedingIsUp() throws Exception {
    assertThat(check(spec(URL, "select 1"), Duration.ofSeconds(5)).isUp()).isTrue();
  }

  @Test
  void query_otherValue_isDownNamingBoth() throws Exception {
    CheckResult r = check(spec(URL, "select status from " + SCHEMA + ".health")
        .expecting("degraded"), Duration.ofSeconds(5));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).isEqualTo("query returned 'ok', expected 'degraded'");
  }

  @Test
  void query_noRow_isDown() throws Exception {
    CheckResult r = check(spec(URL, "select status from " + SCHEMA + ".health where false")
        .expecting("ok"), Duration.ofSeconds(5));
    assertThat(r.failureCause()).isEqualTo("query returned no row, expected 'ok'");
  }

  @Test
  void query_slowerThanTheTimeout_isCanceledAndDown() throws Exception {
    long start = System.nanoTime();
    CheckResult r = check(spec(URL, "select pg_sleep(10)"), Duration.ofSeconds(1));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).startsWith("timed out after 1000 ms (");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void query_badSql_isDownWithTheSqlState() throws Exception {
    CheckResult r = check(spec(URL, "select * from " + SCHEMA + ".no_such_table"),
        Duration.ofSeconds(5));
    assertThat(r.failureCause()).startsWith("database error (SQL state 42P01)");
  }

  @Test
  void connect_refused_isDownAndNeverShowsThePassword() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DatabaseSpec spec = spec("jdbc:postgresql://127.0.0.1:" + closed + "/test?password="
        + SECRET, "select 1");
    CheckResult r = check(spec, Duration.ofSeconds(2));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).startsWith("database connection failed (SQL state 08001)")
        .doesNotContain(SECRET);
    assertThat(spec.toString()).doesNotContain(SECRET)
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + closed + "/test?... as postgres: select 1");
    assertThat(spec.targetHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void unknownDatabase_isDown() throws Exception {
    CheckResult r = check(spec("jdbc:postgresql://127.0.0.1:5432/no_such_db_" + SCHEMA,
        "select 1"), Duration.ofSeconds(5));
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.failureCause()).contains("3D000");
  }

  @Test
  void noDriverForTheUrl_isUnknownNotDown() throws Exception {
    CheckResult r = check(spec("jdbc:nosuchdb://10.0.0.1/x", "select 1"), Duration.ofSeconds(2));
    assertThat(r.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(r.skipCause()).contains(SkipCause.CHECKER_FAILED);
  }
}
