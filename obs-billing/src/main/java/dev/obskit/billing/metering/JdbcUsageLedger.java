package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UsageLedger} on PostgreSQL through plain JDBC. Each {@link #record} is one transaction that
 * inserts the idempotency key ({@code ON CONFLICT DO NOTHING} on team, period and key) and upserts
 * the meter's aggregate; a duplicate key rolls back with nothing changed, and any failure (lost
 * connection, {@code bigint} overflow) rolls back the key with the aggregate, so the retry counts.
 * Thread-safe; each call borrows a connection from the {@link DataSource} (pool it) and blocks for
 * one round trip transaction. Tables are created by {@link #createTables()}.
 */
public final class JdbcUsageLedger implements UsageLedger {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcUsageLedger.class);
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,30}");

  private final DataSource dataSource;
  private final String keys;
  private final String meters;
  private final String uniques;

  /** Creates a ledger whose tables are named {@code <prefix>_usage_key} and so on. */
  public JdbcUsageLedger(DataSource dataSource, String tablePrefix) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    if (!PREFIX.matcher(Objects.requireNonNull(tablePrefix, "tablePrefix")).matches()) {
      throw new IllegalArgumentException("tablePrefix must match " + PREFIX + ", got '"
          + tablePrefix + "'");
    }
    this.keys = tablePrefix + "_usage_key";
    this.meters = tablePrefix + "_usage_meter";
    this.uniques = tablePrefix + "_usage_unique";
  }

  /** Creates the three tables if they do not exist. */
  public void createTables() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + keys + " (team_id text NOT NULL, month text NOT NULL,"
          + " zone text NOT NULL, idempotency_key text NOT NULL,"
          + " PRIMARY KEY (team_id, month, zone, idempotency_key))");
      s.execute("CREATE TABLE IF NOT EXISTS " + meters + " (team_id text NOT NULL, month text NOT NULL,"
          + " zone text NOT NULL, meter text NOT NULL, value bigint NOT NULL, events bigint NOT NULL,"
          + " latest_ts bigint NOT NULL, latest_key text NOT NULL,"
          + " PRIMARY KEY (team_id, month, zone, meter))");
      s.execute("CREATE TABLE IF NOT EXISTS " + uniques + " (team_id text NOT NULL, month text NOT NULL,"
          + " zone text NOT NULL, meter text NOT NULL, dim_value text NOT NULL,"
          + " PRIMARY KEY (team_id, month, zone, meter, dim_value))");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create usage tables " + keys + ", " + meters
          + ", " + uniques + ": " + e.getMessage(), e);
    }
  }

  @Override
  public IngestOutcome record(BillingPeriod period, MeterDefinition meter, UsageEvent event) {
    if (meter.aggregation() == Aggregation.UNIQUE_COUNT
        && !event.dimensions().containsKey(meter.uniqueDimension())) {
      return IngestOutcome.REJECTED;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        IngestOutcome outcome = write(c, period, meter, event);
        if (outcome == IngestOutcome.ACCEPTED) {
          c.commit();
        } else {
          c.rollback();
        }
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      LOG.warn("usage write for team {} meter {} rolled back: {}", event.teamId(), event.meter(),
          e.getMessage());
      return IngestOutcome.FAILED;
    }
  }

  private IngestOutcome write(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event) throws SQLException {
    String sql = "INSERT INTO " + keys + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindPeriod(ps, event.teamId(), period);
      ps.setString(4, event.idempotencyKey());
      if (ps.executeUpdate() == 0) {
        return IngestOutcome.DUPLICATE;
      }
    }
    long increment = event.quantity();
    if (meter.aggregation() == Aggregation.UNIQUE_COUNT) {
      increment = insertUnique(c, period, meter, event) ? 1 : 0;
    } else if (meter.aggregation() == Aggregation.COUNT) {
      increment = 1;
    }
    upsertMeter(c, period, meter, event, increment);
    return IngestOutcome.ACCEPTED;
  }

  private boolean insertUnique(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event) throws SQLException {
    String sql = "INSERT INTO " + uniques + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindPeriod(ps, event.teamId(), period);
      ps.setString(4, meter.name());
      ps.setString(5, event.dimensions().get(meter.uniqueDimension()));
      return ps.executeUpdate() == 1;
    }
  }

  private void upsertMeter(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event, long value) throws SQLException {
    String m = meters;
    String newer = "(EXCLUDED.latest_ts, EXCLUDED.latest_key) > (" + m + ".latest_ts, " + m
        + ".latest_key)";
    String merge;
    switch (meter.aggregation()) {
      case MAX:
        merge = "value = GREATEST(" + m + ".value, EXCLUDED.value)";
        break;
      case LATEST:
        merge = "value = CASE WHEN " + newer + " THEN EXCLUDED.value ELSE " + m + ".value END";
        break;
      default:
        merge = "value = " + m + ".value + EXCLUDED.value";
    }
    String sql = "INSERT INTO " + m + " VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT"
        + " (team_id, month, zone, meter) DO UPDATE SET " + merge + ", events = " + m
        + ".events + 1, latest_ts = CASE WHEN " + newer + " THEN EXCLUDED.latest_ts ELSE " + m
        + ".latest_ts END, latest_key = CASE WHEN " + newer + " THEN EXCLUDED.latest_key ELSE "
        + m + ".latest_key END";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindPeriod(ps, event.teamId(), period);
      ps.setString(4, meter.name());
      ps.setLong(5, value);
      ps.setLong(6, event.timestamp().toEpochMilli());
      ps.setString(7, event.idempotencyKey());
      ps.executeUpdate();
    }
  }

  @Override
  public UsageRecord usage(TeamId teamId, BillingPeriod period) {
    Map<String, Long> values = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    String sql = "SELECT meter, value, events FROM " + meters
        + " WHERE team_id = ? AND month = ? AND zone = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bindPeriod(ps, teamId, period);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.put(rs.getString(1), rs.getLong(2));
          counts.put(rs.getString(1), rs.getLong(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read usage of " + teamId + " " + period, e);
    }
    return new UsageRecord(teamId, period, values, counts);
  }

  @Override
  public long value(TeamId teamId, BillingPeriod period, String meter) {
    return usage(teamId, period).value(meter);
  }

  @Override
  public boolean hasSeen(TeamId teamId, BillingPeriod period, String idempotencyKey) {
    String sql = "SELECT 1 FROM " + keys
        + " WHERE team_id = ? AND month = ? AND zone = ? AND idempotency_key = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bindPeriod(ps, teamId, period);
      ps.setString(4, idempotencyKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read keys of " + teamId + " " + period, e);
    }
  }

  @Override
  public void forgetKeysBefore(YearMonth month) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM " + keys + " WHERE month < ?")) {
      ps.setString(1, month.toString());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not forget keys before " + month, e);
    }
  }

  private static void bindPeriod(PreparedStatement ps, TeamId teamId, BillingPeriod period)
      throws SQLException {
    ps.setString(1, teamId.value());
    ps.setString(2, period.month().toString());
    ps.setString(3, period.zone().getId());
  }
}
