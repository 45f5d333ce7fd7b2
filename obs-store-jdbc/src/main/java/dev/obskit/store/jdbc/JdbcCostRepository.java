package dev.obskit.store.jdbc;

import dev.obskit.billing.cost.CostRecord;
import dev.obskit.billing.cost.CostRepository;
import dev.obskit.billing.cost.UpsertOutcome;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Cost records in {@code bil_cost}, primary key their natural key; an upsert with other figures
 * (amount or note) bumps the version, the same figures change nothing. Thread-safe.
 */
final class JdbcCostRepository implements CostRepository {
  private static final String KEY_WHERE = "provider = ? AND account_id = ? AND service = ?"
      + " AND sku = ? AND cost_date = ? AND category = ? AND cost_source = ?";
  private final Db db;
  private final String table;

  JdbcCostRepository(Db db) {
    this.db = db;
    this.table = db.table("bil_cost");
  }

  @Override
  public UpsertOutcome upsert(CostRecord record) {
    String body = Json.write(record);
    return db.tx("upsert of cost " + record.key(), c -> {
      List<CostRecord> current = Db.query(c, "SELECT body FROM " + table + " WHERE " + KEY_WHERE
          + " FOR UPDATE", ps -> bindKey(ps, 1, record.key()),
          rs -> Json.read(rs.getString(1), CostRecord.class));
      if (current.isEmpty()) {
        int n = Db.update(c, "INSERT INTO " + table + " (provider, account_id, service, sku,"
            + " cost_date, category, cost_source, version, body) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"
            + " ON CONFLICT DO NOTHING", ps -> {
              bindKey(ps, 1, record.key());
              db.dialect().bindJson(ps, 8, body);
            });
        if (n == 1) {
          return UpsertOutcome.INSERTED;
        }
        throw new java.sql.SQLTransientException("cost record inserted concurrently; retry");
      }
      CostRecord stored = current.get(0);
      if (stored.amount().equals(record.amount()) && stored.note().equals(record.note())) {
        return UpsertOutcome.UNCHANGED;
      }
      Db.update(c, "UPDATE " + table + " SET version = version + 1, body = ? WHERE " + KEY_WHERE,
          ps -> {
            db.dialect().bindJson(ps, 1, body);
            bindKey(ps, 2, record.key());
          });
      return UpsertOutcome.UPDATED;
    });
  }

  private static void bindKey(PreparedStatement ps, int from, CostRecord.Key k) throws SQLException {
    ps.setString(from, k.provider());
    ps.setString(from + 1, k.accountId());
    ps.setString(from + 2, k.service());
    ps.setString(from + 3, k.sku());
    ps.setDate(from + 4, Date.valueOf(k.date()));
    ps.setString(from + 5, k.category().name());
    ps.setString(from + 6, k.source().name());
  }

  @Override
  public long version(CostRecord.Key key) {
    return db.queryOne("read of cost version", "SELECT version FROM " + table + " WHERE " + KEY_WHERE,
        ps -> bindKey(ps, 1, key), rs -> rs.getLong(1)).orElse(0L);
  }

  @Override
  public List<CostRecord> between(LocalDate from, LocalDate to) {
    return db.query("read of costs", "SELECT body FROM " + table + " WHERE cost_date >= ?"
        + " AND cost_date <= ? ORDER BY cost_date, provider, account_id, service, sku, category,"
        + " cost_source", ps -> {
          ps.setDate(1, Date.valueOf(from));
          ps.setDate(2, Date.valueOf(to));
        }, rs -> Json.read(rs.getString(1), CostRecord.class));
  }
}
