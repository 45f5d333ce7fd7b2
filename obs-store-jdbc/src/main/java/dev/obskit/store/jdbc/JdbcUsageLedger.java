package dev.obskit.store.jdbc;

import dev.obskit.billing.metering.Aggregation;
import dev.obskit.billing.metering.IngestOutcome;
import dev.obskit.billing.metering.MeterDefinition;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UsageLedger} over JDBC (moved here from obs-billing). Each {@link #record} is one
 * transaction that inserts the idempotency key with its quantity ({@code ON CONFLICT DO NOTHING} on
 * team, period, meter and key, the primary key of {@code bil_usage_key}) and changes the meter's
 * aggregate; a key seen before rolls back with nothing changed (DUPLICATE for the same quantity,
 * CONFLICT for another), and any failure (lost connection, {@code bigint} overflow) rolls
 * back the key with the aggregate, so the retry counts. On PostgreSQL the aggregate is one {@code
 * INSERT ... ON CONFLICT DO UPDATE}; on H2 the row is locked, merged and written. Thread-safe.
 */
final class JdbcUsageLedger implements UsageLedger {
  private static final Logger log = LoggerFactory.getLogger(JdbcUsageLedger.class);
  private final Db db;
  private final String keys;
  private final String meters;
  private final String uniques;

  JdbcUsageLedger(Db db) {
    this.db = db;
    this.keys = db.table("bil_usage_key");
    this.meters = db.table("bil_usage_meter");
    this.uniques = db.table("bil_usage_unique");
  }

  @Override
  public IngestOutcome record(BillingPeriod period, MeterDefinition meter, UsageEvent event) {
    if (meter.aggregation() == Aggregation.UNIQUE_COUNT
        && !event.dimensions().containsKey(meter.uniqueDimension())) {
      return hasSeen(event.teamId(), period, meter.name(), event.idempotencyKey())
          ? IngestOutcome.DUPLICATE : IngestOutcome.REJECTED;
    }
    try (Connection c = db.connection()) {
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
      log.warn("usage write for team {} meter {} rolled back: {}", event.teamId(), event.meter(),
          e.getMessage());
      return IngestOutcome.FAILED;
    }
  }

  private IngestOutcome write(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event) throws SQLException {
    int inserted = Db.update(c, "INSERT INTO " + keys + " (team_id, period_month, period_zone,"
        + " meter, idempotency_key, quantity) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        ps -> {
          bindPeriod(ps, event.teamId(), period);
          ps.setString(4, meter.name());
          ps.setString(5, event.idempotencyKey());
          ps.setLong(6, event.quantity());
        });
    if (inserted == 0) {
      long counted = Db.query(c, "SELECT quantity FROM " + keys + " WHERE team_id = ?"
          + " AND period_month = ? AND period_zone = ? AND meter = ? AND idempotency_key = ?", ps -> {
            bindPeriod(ps, event.teamId(), period);
            ps.setString(4, meter.name());
            ps.setString(5, event.idempotencyKey());
          }, rs -> rs.getLong(1)).get(0);
      return counted == event.quantity() ? IngestOutcome.DUPLICATE : IngestOutcome.CONFLICT;
    }
    long increment = event.quantity();
    if (meter.aggregation() == Aggregation.UNIQUE_COUNT) {
      increment = insertUnique(c, period, meter, event) ? 1 : 0;
    } else if (meter.aggregation() == Aggregation.COUNT) {
      increment = 1;
    }
    if (db.dialect() == Dialect.POSTGRESQL) {
      upsertMeter(c, period, meter, event, increment);
    } else {
      mergeMeter(c, period, meter, event, increment);
    }
    return IngestOutcome.ACCEPTED;
  }

  private boolean insertUnique(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event) throws SQLException {
    return Db.update(c, "INSERT INTO " + uniques + " (team_id, period_month, period_zone, meter,"
        + " dim_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
          bindPeriod(ps, event.teamId(), period);
          ps.setString(4, meter.name());
          ps.setString(5, event.dimensions().get(meter.uniqueDimension()));
        }) == 1;
  }

  private void upsertMeter(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event, long value) throws SQLException {
    String m = meters;
    String newer = "(EXCLUDED.latest_ts, EXCLUDED.latest_key) > (m.latest_ts, m.latest_key)";
    String merge;
    switch (meter.aggregation()) {
      case MAX:
        merge = "meter_value = GREATEST(m.meter_value, EXCLUDED.meter_value)";
        break;
      case LATEST:
        merge = "meter_value = CASE WHEN " + newer + " THEN EXCLUDED.meter_value ELSE m.meter_value END";
        break;
      default:
        merge = "meter_value = m.meter_value + EXCLUDED.meter_value";
    }
    String sql = "INSERT INTO " + m + " AS m (team_id, period_month, period_zone, meter, meter_value,"
        + " events, latest_ts, latest_key) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT"
        + " (team_id, period_month, period_zone, meter) DO UPDATE SET " + merge
        + ", events = m.events + 1, latest_ts = CASE WHEN " + newer
        + " THEN EXCLUDED.latest_ts ELSE m.latest_ts END, latest_key = CASE WHEN " + newer
        + " THEN EXCLUDED.latest_key ELSE m.latest_key END";
    Db.update(c, sql, ps -> {
      bindPeriod(ps, event.teamId(), period);
      ps.setString(4, meter.name());
      ps.setLong(5, value);
      ps.setLong(6, event.timestamp().toEpochMilli());
      ps.setString(7, event.idempotencyKey());
    });
  }

  /** H2: lock the aggregate row, merge in Java with the same rules, write it back. */
  private void mergeMeter(Connection c, BillingPeriod period, MeterDefinition meter,
      UsageEvent event, long value) throws SQLException {
    String where = " WHERE team_id = ? AND period_month = ? AND period_zone = ? AND meter = ?";
    Db.Binder key = ps -> {
      bindPeriod(ps, event.teamId(), period);
      ps.setString(4, meter.name());
    };
    List<Object[]> rows = Db.query(c, "SELECT meter_value, latest_ts, latest_key FROM " + meters
        + where + " FOR UPDATE", key,
        rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)});
    long ts = event.timestamp().toEpochMilli();
    String k = event.idempotencyKey();
    if (rows.isEmpty()) {
      Db.update(c, "INSERT INTO " + meters + " (team_id, period_month, period_zone, meter,"
          + " meter_value, events, latest_ts, latest_key) VALUES (?, ?, ?, ?, ?, 1, ?, ?)", ps -> {
            key.bind(ps);
            ps.setLong(5, value);
            ps.setLong(6, ts);
            ps.setString(7, k);
          });
      return;
    }
    long current = (Long) rows.get(0)[0];
    long latestTs = (Long) rows.get(0)[1];
    String latestKey = (String) rows.get(0)[2];
    boolean newer = ts > latestTs || (ts == latestTs && k.compareTo(latestKey) > 0);
    long merged;
    switch (meter.aggregation()) {
      case MAX:
        merged = Math.max(current, value);
        break;
      case LATEST:
        merged = newer ? value : current;
        break;
      default:
        try {
          merged = Math.addExact(current, value);
        } catch (ArithmeticException e) {
          throw new SQLException("bigint out of range for meter " + meter.name(), "22003", e);
        }
    }
    Db.update(c, "UPDATE " + meters + " SET meter_value = ?, events = events + 1, latest_ts = ?,"
        + " latest_key = ?" + where, ps -> {
          ps.setLong(1, merged);
          ps.setLong(2, newer ? ts : latestTs);
          ps.setString(3, newer ? k : latestKey);
          bindPeriodAt(ps, 4, event.teamId(), period);
          ps.setString(7, meter.name());
        });
  }

  @Override
  public UsageRecord usage(TeamId teamId, BillingPeriod period) {
    Map<String, Long> values = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    db.query("read of usage", "SELECT meter, meter_value, events FROM " + meters
        + " WHERE team_id = ? AND period_month = ? AND period_zone = ?",
        ps -> bindPeriod(ps, teamId, period), rs -> {
          values.put(rs.getString(1), rs.getLong(2));
          counts.put(rs.getString(1), rs.getLong(3));
          return null;
        });
    return new UsageRecord(teamId, period, values, counts);
  }

  @Override
  public long value(TeamId teamId, BillingPeriod period, String meter) {
    return usage(teamId, period).value(meter);
  }

  @Override
  public boolean hasSeen(TeamId teamId, BillingPeriod period, String idempotencyKey) {
    return !db.query("read of usage keys", "SELECT 1 FROM " + keys + " WHERE team_id = ?"
        + " AND period_month = ? AND period_zone = ? AND idempotency_key = ?", ps -> {
          bindPeriod(ps, teamId, period);
          ps.setString(4, idempotencyKey);
        }, rs -> 1).isEmpty();
  }

  @Override
  public boolean hasSeen(TeamId teamId, BillingPeriod period, String meter, String idempotencyKey) {
    return !db.query("read of usage keys", "SELECT 1 FROM " + keys + " WHERE team_id = ?"
        + " AND period_month = ? AND period_zone = ? AND meter = ? AND idempotency_key = ?", ps -> {
          bindPeriod(ps, teamId, period);
          ps.setString(4, meter);
          ps.setString(5, idempotencyKey);
        }, rs -> 1).isEmpty();
  }

  @Override
  public void forgetKeysBefore(YearMonth month) {
    db.update("forgetting usage keys", "DELETE FROM " + keys + " WHERE period_month < ?",
        ps -> ps.setString(1, month.toString()));
  }

  private static void bindPeriod(PreparedStatement ps, TeamId teamId, BillingPeriod period)
      throws SQLException {
    bindPeriodAt(ps, 1, teamId, period);
  }

  private static void bindPeriodAt(PreparedStatement ps, int from, TeamId teamId,
      BillingPeriod period) throws SQLException {
    ps.setString(from, teamId.value());
    ps.setString(from + 1, period.month().toString());
    ps.setString(from + 2, period.zone().getId());
  }
}
