package dev.obskit.billing.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JDBC ledger on the real PostgreSQL at 127.0.0.1:5432 (database {@code test}): the key and the
 * aggregate commit or roll back together. Skipped, with a message, when no server is reachable.
 */
class JdbcUsageLedgerTest {
  static final TeamId TEAM = TeamId.of("team-pg");
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));

  final String prefix = "obsbill_" + Long.toHexString(System.nanoTime());
  PGSimpleDataSource direct;
  HikariDataSource pg;
  JdbcUsageLedger ledger;

  @BeforeEach
  void setUp() {
    direct = new PGSimpleDataSource();
    direct.setServerNames(new String[] {"127.0.0.1"});
    direct.setPortNumbers(new int[] {5432});
    direct.setDatabaseName("test");
    direct.setUser("postgres");
    direct.setConnectTimeout(3);
    try (Connection c = direct.getConnection()) {
      assumeTrue(c.isValid(3), "PostgreSQL on 127.0.0.1:5432 is not usable");
    } catch (SQLException e) {
      assumeTrue(false, "PostgreSQL on 127.0.0.1:5432 is not reachable: " + e.getMessage());
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(direct);
    config.setMaximumPoolSize(4);
    config.setPoolName("obs-billing-test");
    pg = new HikariDataSource(config);
    ledger = new JdbcUsageLedger(pg, prefix);
    ledger.createTables();
  }

  @AfterEach
  void dropTables() throws SQLException {
    if (pg == null) {
      return;
    }
    try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + prefix + "_usage_key, " + prefix + "_usage_meter, "
          + prefix + "_usage_unique");
    } finally {
      pg.close();
    }
  }

  MeteringService service(UsageLedger l) {
    return new MeteringService(l, MeterCatalog.defaults()
        .define(new MeterDefinition("active.users", Aggregation.UNIQUE_COUNT, "user"))
        .define(MeterDefinition.of("queue.depth", Aggregation.LATEST)), ManualClock.startingAt(T0), 10,
        MeteringPolicy.builder().setMaxQuantity(Meters.LOG_BYTES, Long.MAX_VALUE).build());
  }

  static List<UsageEvent> workload() {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant at = T0.plusSeconds(i);
      events.add(UsageEvent.of(TEAM, Meters.LOG_BYTES, 1_000 + i, at, "log-" + i));
      events.add(UsageEvent.of(TEAM, Meters.MONITORS, i % 17, at, "mon-" + i));
      events.add(UsageEvent.of(TEAM, "queue.depth", i % 11, T0.plusSeconds(i % 20), "q-" + i));
      events.add(new UsageEvent(TEAM, "active.users", 1, at, "u-" + i, Map.of("user", "u" + (i % 9))));
    }
    return events;
  }

  @Test
  void sameEventsTwiceAndShuffled_matchTheInMemoryLedger() {
    MeteringService memory = service(UsageLedger.inMemory());
    workload().forEach(memory::ingest);
    MeteringService jdbc = service(ledger);
    List<UsageEvent> twice = new ArrayList<>(workload());
    twice.addAll(workload());
    Collections.shuffle(twice, new Random(3));
    twice.forEach(jdbc::ingest);

    assertThat(jdbc.usage(TEAM, MARCH)).isEqualTo(memory.usage(TEAM, MARCH));
    // 1000..1059 summed = 60 * 1000 + 59 * 60 / 2 = 61,770
    assertThat(jdbc.usage(TEAM, MARCH).value(Meters.LOG_BYTES)).isEqualTo(61_770);
    assertThat(jdbc.usage(TEAM, MARCH).value("active.users")).isEqualTo(9);
  }

  @Test
  void overflowingWrite_rollsBackItsKeyToo() {
    MeteringService jdbc = service(ledger);
    jdbc.ingest(UsageEvent.of(TEAM, Meters.LOG_BYTES, Long.MAX_VALUE, T0, "big-1"));

    // a permanent failure: dead-lettered, not retried
    assertThat(jdbc.ingestOrQueue(UsageEvent.of(TEAM, Meters.LOG_BYTES, 1, T0, "big-2")))
        .isEqualTo(IngestOutcome.REJECTED);
    assertThat(jdbc.pendingCount()).isZero();
    assertThat(jdbc.deadLetters()).extracting(DeadLetter::reason).containsExactly(RejectReason.OVERFLOW);
    assertThat(ledger.hasSeen(TEAM, MARCH, "big-2")).isFalse();
    assertThat(ledger.hasSeen(TEAM, MARCH, "big-1")).isTrue();
    assertThat(ledger.value(TEAM, MARCH, Meters.LOG_BYTES)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void lostConnection_failsTheWrite_andTheRetryCountsOnce() {
    AtomicInteger outages = new AtomicInteger(1);
    JdbcUsageLedger flaky = new JdbcUsageLedger(new FlakyDataSource(pg, outages), prefix);
    MeteringService jdbc = service(flaky);
    UsageEvent event = UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 4, T0, "retry-me");

    assertThat(jdbc.ingestOrQueue(event)).isEqualTo(IngestOutcome.FAILED);
    assertThat(jdbc.retryPending()).isEqualTo(1);
    assertThat(jdbc.ingest(event)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(ledger.value(TEAM, MARCH, Meters.ERROR_EVENTS)).isEqualTo(4);
  }

  @Test
  void threeThreadsReplaying_countEachEventOnce() throws Exception {
    MeteringService jdbc = service(ledger);
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      events.add(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 2, T0, "c-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        List<UsageEvent> mine = new ArrayList<>(events);
        Collections.shuffle(mine, new Random(t));
        done.add(pool.submit(() -> mine.forEach(jdbc::ingest)));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ledger.value(TEAM, MARCH, Meters.ERROR_EVENTS)).isEqualTo(300);
    assertThat(ledger.usage(TEAM, MARCH).eventCounts()).containsEntry(Meters.ERROR_EVENTS, 150L);
  }

  @Test
  void forgetKeysBefore_dropsOnlyOlderMonths() {
    MeteringService jdbc = service(ledger);
    jdbc.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, Instant.parse("2026-02-10T00:00:00Z"), "feb"));
    jdbc.ingest(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1, T0, "mar"));
    ledger.forgetKeysBefore(YearMonth.of(2026, 3));

    assertThat(ledger.hasSeen(TEAM, BillingPeriod.utc(YearMonth.of(2026, 2)), "feb")).isFalse();
    assertThat(ledger.hasSeen(TEAM, MARCH, "mar")).isTrue();
  }

  @Test
  void hostileTablePrefix_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JdbcUsageLedger(direct, "x; DROP TABLE y"))
        .hasMessageContaining("tablePrefix must match");
  }

  /** Fails the first N connections, like a database restart. */
  static final class FlakyDataSource implements DataSource {
    private final DataSource delegate;
    private final AtomicInteger outages;

    FlakyDataSource(DataSource delegate, AtomicInteger outages) {
      this.delegate = delegate;
      this.outages = outages;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (outages.getAndDecrement() > 0) {
        throw new SQLException("Connection refused (simulated outage)", "08001");
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
