package dev.obskit.store.jdbc;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incidents in {@code inc_incident} and their append-only timeline in {@code inc_timeline}: an
 * update inserts only the entries past the stored ones, in the transaction that bumps the version,
 * so a lost race writes nothing. At most one open incident per team and dedup key is enforced by a
 * unique index on {@code open_dedup_key} (NULL once resolved). Thread-safe.
 */
final class JdbcIncidentRepository implements IncidentRepository {
  private static final String ORDER_NEWEST = "created_at DESC, id";
  private static final String ORDER_OLDEST = "created_at, id";
  private final Db db;
  private final AggregateTable<Incident> incidents;
  private final String timeline;

  JdbcIncidentRepository(Db db) {
    this.db = db;
    this.incidents = new AggregateTable<>(db, "inc_incident", Incident.class, AggregateTable.columns(
        new AggregateTable.Column<>("status", i -> i.status().name()),
        new AggregateTable.Column<>("service_id", i -> i.serviceId() == null ? null : i.serviceId().value()),
        new AggregateTable.Column<>("dedup_key", Incident::dedupKey),
        new AggregateTable.Column<>("open_dedup_key",
            i -> i.status().isOpen() && !i.dedupKey().isEmpty() ? i.dedupKey() : null),
        new AggregateTable.Column<>("created_at", i -> Times.nanos(i.createdAt()))));
    this.timeline = db.table("inc_timeline");
  }

  @Override
  public Incident insert(Incident incident) {
    return db.tx("insert of incident " + incident.id(), c -> {
      incidents.insert(c, withoutTimeline(incident));
      appendTimeline(c, incident, -1);
      return incident;
    });
  }

  @Override
  public Incident update(Incident next) {
    return db.tx("update of incident " + next.id(), c -> {
      incidents.update(c, withoutTimeline(next));
      long stored = Db.query(c, "SELECT COALESCE(MAX(seq_no), -1) FROM " + timeline
          + " WHERE team_id = ? AND incident_id = ?", ps -> {
            ps.setString(1, next.teamId().value());
            ps.setString(2, next.id().value());
          }, rs -> rs.getLong(1)).get(0);
      appendTimeline(c, next, stored);
      return next;
    });
  }

  private void appendTimeline(Connection c, Incident incident, long after) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + timeline
        + " (team_id, incident_id, seq_no, at_time, type, body) VALUES (?, ?, ?, ?, ?, ?)")) {
      int batched = 0;
      for (TimelineEntry e : incident.timeline()) {
        if (e.sequence() <= after) {
          continue;
        }
        ps.setString(1, incident.teamId().value());
        ps.setString(2, incident.id().value());
        ps.setLong(3, e.sequence());
        ps.setLong(4, Times.nanos(e.at()));
        ps.setString(5, e.type().name());
        db.dialect().bindJson(ps, 6, Json.write(e));
        ps.addBatch();
        batched++;
      }
      if (batched > 0) {
        ps.executeBatch();
      }
    }
  }

  /** The stored body never repeats the timeline, which lives in its own rows. */
  private static Incident withoutTimeline(Incident i) {
    return new Incident(i.id(), i.teamId(), i.version(), i.title(), i.severity(), i.status(),
        i.serviceId(), i.dedupKey(), i.createdAt(), i.acknowledgedAt(), i.acknowledgedBy(),
        i.firstAcknowledgedAt(), i.resolvedAt(), i.resolvedBy(), i.alertCount(), i.escalation(),
        i.roles(), List.of());
  }

  @Override
  public Optional<Incident> find(TeamId teamId, IncidentId id) {
    List<Incident> found = select("i.team_id = ? AND i.id = ?", ps -> {
      ps.setString(1, teamId.value());
      ps.setString(2, id.value());
    }, ORDER_OLDEST, null);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<Incident> findOpenByDedupKey(TeamId teamId, String dedupKey) {
    List<Incident> found = select("i.team_id = ? AND i.open_dedup_key = ?", ps -> {
      ps.setString(1, teamId.value());
      ps.setString(2, dedupKey);
    }, ORDER_OLDEST, null);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Incident> listOpen() {
    return select("i.status <> ?", ps -> ps.setString(1, IncidentStatus.RESOLVED.name()),
        "created_at, team_id, id", null);
  }

  @Override
  public Page<Incident> list(TeamId teamId, IncidentQuery query, PageRequest page) {
    Where w = where(teamId, query);
    long total = db.count("count of incidents", "SELECT COUNT(*) FROM " + incidents.name()
        + " i WHERE " + w.sql, w::bind);
    return new Page<>(select(w.sql, w::bind, ORDER_NEWEST, page), page, total);
  }

  @Override
  public List<Incident> listAll(TeamId teamId, IncidentQuery query) {
    Where w = where(teamId, query);
    return select(w.sql, w::bind, ORDER_OLDEST, null);
  }

  /** The WHERE clause of a query and its parameters. */
  private record Where(String sql, List<Object> params) {
    void bind(PreparedStatement ps) throws SQLException {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
    }
  }

  private static Where where(TeamId teamId, IncidentQuery q) {
    StringBuilder sql = new StringBuilder("i.team_id = ?");
    List<Object> params = new ArrayList<>(List.of(teamId.value()));
    if (!q.statuses().isEmpty()) {
      sql.append(" AND i.status IN (");
      String sep = "";
      for (IncidentStatus s : q.statuses()) {
        sql.append(sep).append('?');
        params.add(s.name());
        sep = ", ";
      }
      sql.append(')');
    }
    if (q.serviceId() != null) {
      sql.append(" AND i.service_id = ?");
      params.add(q.serviceId().value());
    }
    if (q.createdFrom() != null) {
      sql.append(" AND i.created_at >= ?");
      params.add(Times.nanos(q.createdFrom()));
    }
    if (q.createdTo() != null) {
      sql.append(" AND i.created_at < ?");
      params.add(Times.nanos(q.createdTo()));
    }
    return new Where(sql.toString(), params);
  }

  /**
   * Reads the incidents matching {@code where} (over alias i) in {@code order}, one page of them
   * or all, each with its timeline, in one query.
   */
  private List<Incident> select(String where, Db.Binder binder, String order, PageRequest page) {
    String limit = page == null ? "" : " LIMIT " + page.limit() + " OFFSET " + page.offset();
    String sql = "SELECT p.team_id, p.id, p.body, t.body FROM (SELECT i.team_id, i.id, i.body,"
        + " i.created_at FROM " + incidents.name() + " i WHERE " + where + " ORDER BY " + order
        + limit + ") p LEFT JOIN " + timeline + " t ON t.team_id = p.team_id AND t.incident_id = p.id"
        + " ORDER BY " + qualified(order) + ", t.seq_no";
    Map<String, String> bodies = new LinkedHashMap<>();
    Map<String, List<String>> entries = new LinkedHashMap<>();
    db.query("read of incidents", sql, binder, rs -> {
      String key = rs.getString(1) + "/" + rs.getString(2);
      bodies.putIfAbsent(key, rs.getString(3));
      List<String> list = entries.computeIfAbsent(key, k -> new ArrayList<>());
      String entry = rs.getString(4);
      if (entry != null) {
        list.add(entry);
      }
      return key;
    });
    List<Incident> result = new ArrayList<>(bodies.size());
    bodies.forEach((key, body) -> result.add(
        Json.readWith(body, "timeline", entries.get(key), Incident.class)));
    return result;
  }

  private static String qualified(String order) {
    return "p." + order.replace(", ", ", p.");
  }
}
