package dev.obskit.store.jdbc;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.escalation.ResponderDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Responders in {@code inc_responder}; a replaced responder keeps its place. Thread-safe. */
final class JdbcResponderDirectory implements ResponderDirectory {
  private final Db db;
  private final String table;

  JdbcResponderDirectory(Db db) {
    this.db = db;
    this.table = db.table("inc_responder");
  }

  @Override
  public void put(Responder responder) {
    Objects.requireNonNull(responder, "responder");
    String body = Json.write(responder);
    db.tx("put of responder " + responder.user(), c -> {
      int n = Db.update(c, "UPDATE " + table + " SET body = ? WHERE team_id = ? AND user_id = ?",
          ps -> {
            db.dialect().bindJson(ps, 1, body);
            ps.setString(2, responder.teamId().value());
            ps.setString(3, responder.user().value());
          });
      if (n == 0) {
        Db.update(c, "INSERT INTO " + table + " (team_id, user_id, added_seq, body)"
            + " VALUES (?, ?, ?, ?)", ps -> {
              ps.setString(1, responder.teamId().value());
              ps.setString(2, responder.user().value());
              ps.setLong(3, Times.nanos(Instant.now()));
              db.dialect().bindJson(ps, 4, body);
            });
      }
      return n;
    });
  }

  @Override
  public Optional<Responder> find(TeamId teamId, UserId user) {
    return db.queryOne("read of responder", "SELECT body FROM " + table
        + " WHERE team_id = ? AND user_id = ?", ps -> {
          ps.setString(1, teamId.value());
          ps.setString(2, user.value());
        }, rs -> Json.read(rs.getString(1), Responder.class));
  }

  @Override
  public List<Responder> members(TeamId teamId) {
    return db.query("read of responders", "SELECT body FROM " + table
        + " WHERE team_id = ? ORDER BY added_seq, user_id", ps -> ps.setString(1, teamId.value()),
        rs -> Json.read(rs.getString(1), Responder.class));
  }
}
