package dev.obskit.store.jdbc;

import dev.obskit.core.id.TeamId;
import dev.obskit.errors.issue.EventId;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.StoredEvent;
import java.util.List;
import java.util.Optional;

/**
 * Events in {@code err_event}, newest last by an identity sequence; each save deletes the issue's
 * events beyond the newest {@code perIssue} in the same transaction. Thread-safe.
 */
final class JdbcEventRepository implements EventRepository {
  private final Db db;
  private final AggregateTable<StoredEvent> events;
  private final int perIssue;

  JdbcEventRepository(Db db, int perIssue) {
    this.db = db;
    this.perIssue = perIssue;
    this.events = new AggregateTable<>(db, "err_event", StoredEvent.class, AggregateTable.columns(
        new AggregateTable.Column<>("project_id", e -> e.projectId().value()),
        new AggregateTable.Column<>("issue_id", e -> e.issueId().value()),
        new AggregateTable.Column<>("received_at", e -> Times.nanos(e.receivedAt()))));
  }

  @Override
  public boolean save(StoredEvent event) {
    return db.tx("save of event " + event.id(), c -> {
      boolean fresh = Db.query(c, "SELECT 1 FROM " + events.name() + " WHERE team_id = ? AND id = ?",
          ps -> {
            ps.setString(1, event.teamId().value());
            ps.setString(2, event.id().value());
          }, rs -> 1).isEmpty();
      if (!fresh) {
        return false;
      }
      events.insert(c, event);
      Db.update(c, "DELETE FROM " + events.name() + " WHERE team_id = ? AND issue_id = ? AND seq <="
          + " (SELECT seq FROM " + events.name() + " WHERE team_id = ? AND issue_id = ?"
          + " ORDER BY seq DESC LIMIT 1 OFFSET " + perIssue + ")", ps -> {
            ps.setString(1, event.teamId().value());
            ps.setString(2, event.issueId().value());
            ps.setString(3, event.teamId().value());
            ps.setString(4, event.issueId().value());
          });
      return true;
    });
  }

  @Override
  public Optional<StoredEvent> find(TeamId teamId, EventId id) {
    return events.find(teamId, id);
  }

  @Override
  public List<StoredEvent> latest(TeamId teamId, IssueId issueId, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return events.select("team_id = ? AND issue_id = ?", ps -> {
      ps.setString(1, teamId.value());
      ps.setString(2, issueId.value());
    }, "seq DESC LIMIT " + limit);
  }
}
