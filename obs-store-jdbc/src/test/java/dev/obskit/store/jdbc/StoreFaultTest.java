package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.billing.metering.Aggregation;
import dev.obskit.billing.metering.IngestOutcome;
import dev.obskit.billing.metering.MeterCatalog;
import dev.obskit.billing.metering.MeterDefinition;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.StoreException;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults at start and during work: unreachable database, future schema, old schema, lost connection. */
class StoreFaultTest {
  @TempDir
  Path dir;

  @Test
  void databaseDownAtStart_failsBuildNamingTheUrl_neverThePassword() {
    JdbcStore store = JdbcStore.builder()
        .setUrl("jdbc:postgresql://127.0.0.1:1/test?user=obskit&password=hunter2")
        .setUser("obskit").setPassword("s3cret-pw").setConnectTimeout(Duration.ofMillis(500)).build();

    assertThatThrownBy(() -> ObsKit.builder().setConfig(ConfigProperties.of(Map.of()))
        .setStore(store).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/test")
        .hasMessageContaining("'obskit'")
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret-pw")
                .doesNotContain("hunter2");
          }
        });
    assertThat(store.toString()).doesNotContain("hunter2").contains("password=***");
  }

  @Test
  void schemaNewerThanTheCode_refusesToStartWithAClearMessage() throws Exception {
    JdbcStore first = JdbcStore.h2(dir);
    first.open();
    first.close();
    try (Connection c = h2().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO obskit.obs_schema_history_incidents (installed_rank, version,"
          + " description, type, script, checksum, installed_by, execution_time, success)"
          + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'sa', 1, TRUE)");
    }

    JdbcStore again = JdbcStore.h2(dir);
    assertThatThrownBy(again::open).isInstanceOf(StoreException.class)
        .hasMessageContaining("the incidents schema on jdbc:h2:file:")
        .hasMessageContaining("is at version 99, newer than this ObsKit knows (1)")
        .hasMessageContaining("refusing to start");
  }

  @Test
  void schemaOfAnOlderVersion_isMigratedAtStart_andItsRowsStay() throws Exception {
    DataSource ds = h2();
    for (String module : List.of("core", "incidents", "errors", "billing")) {
      Migrations.flyway(ds, Dialect.H2, "obskit", module, "1").migrate();
    }
    Db db = new Db(ds, Dialect.H2, "obskit", "test");
    TeamId team = TeamId.of("t");
    Issue issue = new IssueRepositoryContract.IssueFixture().issue(team, "i1", "h1",
        Instant.parse("2026-01-01T00:00:00Z"));
    new JdbcIssueRepository(db).insert(issue, List.of());
    assertThat(historyVersions(ds, "errors")).containsExactly("0", "1");

    JdbcStore store = JdbcStore.h2(dir);
    store.open();
    try {
      assertThat(store.repository(IssueRepository.class).orElseThrow().find(team, issue.id()))
          .contains(issue);
      assertThat(historyVersions(ds, "errors")).containsExactly("0", "1", "2", "3");
    } finally {
      store.close();
    }
  }

  @Test
  void connectionLostDuringAWrite_failsIt_andTheRetryCountsOnce() {
    AtomicInteger outages = new AtomicInteger(0);
    JdbcStore store = JdbcStore.builder().setDataSource(new FlakyDataSource(h2(), outages)).build();
    store.open();
    try {
      UsageLedger ledger = store.repository(UsageLedger.class).orElseThrow();
      MeteringService metering = new MeteringService(ledger, MeterCatalog.defaults()
          .define(MeterDefinition.of("x", Aggregation.SUM)), ManualClock.startingAt("2026-03-10T12:00:00Z"), 10);
      TeamId team = TeamId.of("t");
      UsageEvent event = UsageEvent.of(team, Meters.ERROR_EVENTS, 4,
          Instant.parse("2026-03-10T12:00:00Z"), "retry-me");

      outages.set(Db.CONNECT_ATTEMPTS);
      assertThat(metering.ingestOrQueue(event)).isEqualTo(IngestOutcome.FAILED);
      assertThat(metering.retryPending()).isEqualTo(1);
      assertThat(metering.ingest(event)).isEqualTo(IngestOutcome.DUPLICATE);
      assertThat(ledger.value(team, BillingPeriod.utc(YearMonth.of(2026, 3)), Meters.ERROR_EVENTS))
          .isEqualTo(4);
    } finally {
      store.close();
    }
  }

  @Test
  void briefOutageWhileConnecting_isRetriedWithBackoff_andTheWriteLandsOnce() {
    AtomicInteger outages = new AtomicInteger(0);
    JdbcStore store = JdbcStore.builder().setDataSource(new FlakyDataSource(h2(), outages)).build();
    store.open();
    try {
      IssueRepository issues = store.repository(IssueRepository.class).orElseThrow();
      TeamId team = TeamId.of("t");
      Issue issue = new IssueRepositoryContract.IssueFixture().issue(team, "i1", "h1",
          Instant.parse("2026-01-01T00:00:00Z"));

      outages.set(Db.CONNECT_ATTEMPTS - 1);
      issues.insert(issue, List.of());

      assertThat(outages).hasValue(0);
      assertThat(issues.find(team, issue.id())).contains(issue);
      assertThat(issues.hashes(team, issue.id())).containsExactly("h1");
      outages.set(Db.CONNECT_ATTEMPTS);
      assertThatThrownBy(() -> issues.find(team, issue.id())).isInstanceOf(StoreException.class)
          .hasMessageContaining("simulated outage");
    } finally {
      store.close();
    }
  }

  private DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(JdbcStore.h2Url(dir));
    ds.setUser("sa");
    return ds;
  }

  private static List<String> historyVersions(DataSource ds, String module) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT version FROM obskit.obs_schema_history_" + module
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      List<String> versions = new java.util.ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
      return versions;
    }
  }

  /** Fails the next N connections, like a database restart. */
  static final class FlakyDataSource implements DataSource {
    private final DataSource delegate;
    private final AtomicInteger outages;

    FlakyDataSource(DataSource delegate, AtomicInteger outages) {
      this.delegate = delegate;
      this.outages = outages;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (outages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new SQLException("Connection refused (simulated outage)", "08001");
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return delegate.isWrapperFor(iface);
    }
  }
}
