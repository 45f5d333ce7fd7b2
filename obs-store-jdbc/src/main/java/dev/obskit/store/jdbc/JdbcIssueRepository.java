package dev.obskit.store.jdbc;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.IssueRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Issues in {@code err_issue}, their linked hashes in {@code err_issue_hash} (primary key team,
 * project, hash: one issue per hash) and affected users in {@code err_issue_user}. {@link #list}
 * takes a Java predicate, so it reads the team's issues newest first and filters in memory.
 * Thread-safe.
 */
final class JdbcIssueRepository implements IssueRepository {
  /** Distinct users tracked per issue, as in memory; beyond it every user counts as new. */
  static final int MAX_TRACKED_USERS = 100_000;
  private final Db db;
  private final AggregateTable<Issue> issues;
  private final String hashes;
  private final String users;

  JdbcIssueRepository(Db db) {
    this.db = db;
    this.issues = new AggregateTable<>(db, "err_issue", Issue.class, AggregateTable.columns(
        new AggregateTable.Column<>("project_id", i -> i.projectId().value()),
        new AggregateTable.Column<>("status", i -> i.status().name()),
        new AggregateTable.Column<>("last_seen", i -> Times.nanos(i.lastSeen()))));
    this.hashes = db.table("err_issue_hash");
    this.users = db.table("err_issue_user");
  }

  @Override
  public Issue insert(Issue issue, List<String> linked) {
    List<String> all = new ArrayList<>(linked.size() + 1);
    all.add(issue.groupHash());
    for (String h : linked) {
      if (!all.contains(h) && all.size() < MAX_HASHES_PER_ISSUE) {
        all.add(Objects.requireNonNull(h, "hash"));
      }
    }
    return db.tx("insert of issue " + issue.id(), c -> {
      for (int i = 0; i < all.size(); i++) {
        if (!insertHash(c, issue.teamId(), issue.projectId(), issue.id(), all.get(i), i)) {
          throw new DuplicateKeyException(issue.teamId() + "/" + issue.projectId() + "/"
              + all.get(i) + " is linked to another issue");
        }
      }
      return issues.insert(c, issue);
    });
  }

  private boolean insertHash(Connection c, TeamId team, ProjectId project, IssueId id, String hash,
      int position) throws SQLException {
    return Db.update(c, "INSERT INTO " + hashes + " (team_id, project_id, hash, issue_id, pos)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
          ps.setString(1, team.value());
          ps.setString(2, project.value());
          ps.setString(3, hash);
          ps.setString(4, id.value());
          ps.setInt(5, position);
        }) == 1;
  }

  @Override
  public boolean linkHash(TeamId teamId, ProjectId projectId, IssueId id, String hash) {
    Objects.requireNonNull(hash, "hash");
    return db.tx("link of hash to issue " + id, c -> {
      // Locks the issue row, so two links to one issue cannot both pass the bound.
      List<Long> locked = Db.query(c, "SELECT version FROM " + issues.name()
          + " WHERE team_id = ? AND id = ? FOR UPDATE", ps -> {
            ps.setString(1, teamId.value());
            ps.setString(2, id.value());
          }, rs -> rs.getLong(1));
      if (locked.isEmpty()) {
        return false;
      }
      int count = Db.query(c, "SELECT COUNT(*) FROM " + hashes + " WHERE team_id = ? AND issue_id = ?",
          ps -> {
            ps.setString(1, teamId.value());
            ps.setString(2, id.value());
          }, rs -> rs.getInt(1)).get(0);
      return count < MAX_HASHES_PER_ISSUE && insertHash(c, teamId, projectId, id, hash, count);
    });
  }

  @Override
  public List<String> hashes(TeamId teamId, IssueId id) {
    return db.query("read of issue hashes", "SELECT hash FROM " + hashes
        + " WHERE team_id = ? AND issue_id = ? ORDER BY pos", ps -> {
          ps.setString(1, teamId.value());
          ps.setString(2, id.value());
        }, rs -> rs.getString(1));
  }

  @Override
  public Issue update(Issue issue) {
    return issues.update(issue);
  }

  @Override
  public Optional<Issue> find(TeamId teamId, IssueId id) {
    return issues.find(teamId, id);
  }

  @Override
  public Optional<Issue> findByHash(TeamId teamId, ProjectId projectId, String groupHash) {
    List<Issue> found = issues.select("team_id = ? AND id = (SELECT h.issue_id FROM " + hashes
        + " h WHERE h.team_id = ? AND h.project_id = ? AND h.hash = ?)", ps -> {
          ps.setString(1, teamId.value());
          ps.setString(2, teamId.value());
          ps.setString(3, projectId.value());
          ps.setString(4, groupHash);
        }, "id");
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Page<Issue> list(TeamId teamId, Predicate<? super Issue> filter, PageRequest page) {
    List<Issue> all = issues.select("team_id = ?", ps -> ps.setString(1, teamId.value()),
        "last_seen DESC, id");
    List<Issue> matching = all.stream().filter(filter).map(Issue.class::cast).toList();
    int from = Math.min(page.offset(), matching.size());
    int to = (int) Math.min((long) from + page.limit(), matching.size());
    return new Page<>(matching.subList(from, to), page, matching.size());
  }

  @Override
  public boolean recordUser(TeamId teamId, IssueId id, String userKey) {
    return db.tx("record of issue user", c -> {
      int inserted = Db.update(c, "INSERT INTO " + users + " (team_id, issue_id, user_key)"
          + " SELECT ?, ?, ? WHERE (SELECT COUNT(*) FROM " + users
          + " WHERE team_id = ? AND issue_id = ?) < " + MAX_TRACKED_USERS
          + " ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, teamId.value());
            ps.setString(2, id.value());
            ps.setString(3, userKey);
            ps.setString(4, teamId.value());
            ps.setString(5, id.value());
          });
      if (inserted == 1) {
        return true;
      }
      return Db.query(c, "SELECT 1 FROM " + users + " WHERE team_id = ? AND issue_id = ?"
          + " AND user_key = ?", ps -> {
            ps.setString(1, teamId.value());
            ps.setString(2, id.value());
            ps.setString(3, userKey);
          }, rs -> 1).isEmpty();
    });
  }
}
