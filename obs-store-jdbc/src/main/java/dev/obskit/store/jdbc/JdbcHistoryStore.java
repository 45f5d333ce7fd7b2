package dev.obskit.store.jdbc;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.store.StoreException;
import dev.obskit.uptime.history.CorruptHistoryException;
import dev.obskit.uptime.history.HistoryStore;
import dev.obskit.uptime.history.MonitorRecord;
import dev.obskit.uptime.state.MachineSnapshot;
import dev.obskit.uptime.state.MonitorState;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * obs-uptime's {@link HistoryStore} in {@code upt_monitor_history}: a save replaces every row and
 * the saved-at row in one transaction, a load reads them in one repeatable-read transaction, so a
 * load sees one snapshot or the other, never a mix. A row that does not parse makes the whole load
 * a {@link CorruptHistoryException}, and {@link #quarantine} moves the snapshot aside. Called from
 * one thread at a time by the module; blocks on the database.
 */
final class JdbcHistoryStore implements HistoryStore {
  private static final String NAME = "default";
  private static final int BATCH = 500;
  private static final String COLUMNS =
      "monitor_id, state, confirmed_down, outage_start, last_cause, availability";
  private final Db db;
  private final String snapshot;
  private final String rows;
  private final String quarantine;

  JdbcHistoryStore(Db db) {
    this.db = db;
    this.snapshot = db.table("upt_history");
    this.rows = db.table("upt_monitor_history");
    this.quarantine = db.table("upt_monitor_history_quarantine");
  }

  @Override
  public void save(Instant savedAt, Iterator<MonitorRecord> records) throws IOException {
    try {
      db.tx("save of uptime history", c -> {
        Db.update(c, "DELETE FROM " + rows, ps -> { });
        insertAll(c, records);
        Db.update(c, "DELETE FROM " + snapshot + " WHERE name = ?", ps -> ps.setString(1, NAME));
        Db.update(c, "INSERT INTO " + snapshot + " (name, saved_epoch_second, saved_nano)"
            + " VALUES (?, ?, ?)", ps -> {
              ps.setString(1, NAME);
              ps.setLong(2, savedAt.getEpochSecond());
              ps.setInt(3, savedAt.getNano());
            });
        return null;
      });
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private void insertAll(Connection c, Iterator<MonitorRecord> records) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + rows + " (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      int batched = 0;
      while (records.hasNext()) {
        bind(ps, records.next());
        ps.addBatch();
        if (++batched % BATCH == 0) {
          ps.executeBatch();
        }
      }
      if (batched % BATCH != 0) {
        ps.executeBatch();
      }
    }
  }

  private static void bind(PreparedStatement ps, MonitorRecord r) throws SQLException {
    ps.setString(1, r.id().value());
    Optional<MachineSnapshot> s = r.state();
    ps.setString(2, s.map(x -> x.state().name()).orElse(null));
    ps.setBoolean(3, s.map(MachineSnapshot::confirmedDown).orElse(false));
    Optional<Instant> outage = s.flatMap(MachineSnapshot::outageStart);
    if (outage.isPresent()) {
      ps.setLong(4, outage.get().toEpochMilli());
    } else {
      ps.setNull(4, Types.BIGINT);
    }
    ps.setString(5, s.map(MachineSnapshot::lastCause).orElse(null));
    ps.setBytes(6, r.availability());
  }

  @Override
  public Optional<Instant> load(Consumer<MonitorRecord> sink) throws IOException {
    Loaded loaded;
    try {
      loaded = db.tx("load of uptime history", c -> {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        List<Instant> at = Db.query(c, "SELECT saved_epoch_second, saved_nano FROM " + snapshot
            + " WHERE name = ?", ps -> ps.setString(1, NAME),
            rs -> Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2)));
        List<Object[]> raw = Db.query(c, "SELECT " + COLUMNS + " FROM " + rows
            + " ORDER BY monitor_id", ps -> { }, JdbcHistoryStore::raw);
        return new Loaded(at.isEmpty() ? null : at.get(0), raw);
      });
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (loaded.savedAt == null) {
      return Optional.empty();
    }
    List<MonitorRecord> records = new ArrayList<>(loaded.rows.size());
    for (Object[] row : loaded.rows) {
      records.add(parse(row));
    }
    records.forEach(sink);
    return Optional.of(loaded.savedAt);
  }

  private record Loaded(Instant savedAt, List<Object[]> rows) {}

  private static Object[] raw(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    String state = rs.getString(2);
    boolean down = rs.getBoolean(3);
    long outage = rs.getLong(4);
    Long outageOrNull = rs.wasNull() ? null : outage;
    return new Object[] {id, state, down, outageOrNull, rs.getString(5), rs.getBytes(6)};
  }

  private MonitorRecord parse(Object[] row) throws CorruptHistoryException {
    String id = (String) row[0];
    try {
      Optional<MachineSnapshot> state = Optional.empty();
      if (row[1] != null) {
        boolean down = (Boolean) row[2];
        Optional<Instant> outage = row[3] == null ? Optional.empty()
            : Optional.of(Instant.ofEpochMilli((Long) row[3]));
        state = Optional.of(new MachineSnapshot(MonitorState.valueOf((String) row[1]), down,
            outage, row[4] == null ? "" : (String) row[4]));
      }
      return new MonitorRecord(MonitorId.of(id), state, (byte[]) row[5]);
    } catch (RuntimeException e) {
      throw new CorruptHistoryException(describe() + ": monitor " + id + " does not parse: "
          + e.getMessage(), e);
    }
  }

  @Override
  public String quarantine(Instant at) throws IOException {
    long stamp = Times.nanos(at);
    try {
      db.tx("quarantine of uptime history", c -> {
        Db.update(c, "INSERT INTO " + quarantine + " (quarantined_at, " + COLUMNS + ") SELECT ?, "
            + COLUMNS + " FROM " + rows, ps -> ps.setLong(1, stamp));
        Db.update(c, "DELETE FROM " + rows, ps -> { });
        Db.update(c, "DELETE FROM " + snapshot + " WHERE name = ?", ps -> ps.setString(1, NAME));
        return null;
      });
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    return quarantine + " (quarantined_at = " + stamp + ")";
  }

  @Override
  public String describe() {
    return "table " + rows + " on " + db;
  }
}
