package dev.obskit.store.jdbc;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.transaction.StoredTransaction;
import dev.obskit.errors.transaction.TransactionId;
import dev.obskit.errors.transaction.TransactionRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Transactions in {@code err_transaction}, newest last by an identity sequence; each save deletes
 * the project's transactions beyond the newest {@code perProject} in the same transaction.
 * Thread-safe.
 */
final class JdbcTransactionRepository implements TransactionRepository {
  private final Db db;
  private final AggregateTable<StoredTransaction> transactions;
  private final int perProject;

  JdbcTransactionRepository(Db db, int perProject) {
    this.db = db;
    this.perProject = perProject;
    this.transactions = new AggregateTable<>(db, "err_transaction", StoredTransaction.class,
        AggregateTable.columns(
            new AggregateTable.Column<>("project_id", t -> t.projectId().value()),
            new AggregateTable.Column<>("name", t -> t.transaction().name()),
            new AggregateTable.Column<>("trace_id", t -> t.transaction().traceId()),
            new AggregateTable.Column<>("received_at", t -> Times.nanos(t.receivedAt()))));
  }

  @Override
  public boolean save(StoredTransaction transaction) {
    String table = transactions.name();
    return db.tx("save of transaction " + transaction.id(), c -> {
      boolean fresh = Db.query(c, "SELECT 1 FROM " + table + " WHERE team_id = ? AND id = ?", ps -> {
        ps.setString(1, transaction.teamId().value());
        ps.setString(2, transaction.id().value());
      }, rs -> 1).isEmpty();
      if (!fresh) {
        return false;
      }
      transactions.insert(c, transaction);
      Db.update(c, "DELETE FROM " + table + " WHERE team_id = ? AND project_id = ? AND seq <="
          + " (SELECT seq FROM " + table + " WHERE team_id = ? AND project_id = ?"
          + " ORDER BY seq DESC LIMIT 1 OFFSET " + perProject + ")", ps -> {
            ps.setString(1, transaction.teamId().value());
            ps.setString(2, transaction.projectId().value());
            ps.setString(3, transaction.teamId().value());
            ps.setString(4, transaction.projectId().value());
          });
      return true;
    });
  }

  @Override
  public Optional<StoredTransaction> find(TeamId teamId, TransactionId id) {
    return transactions.find(teamId, id);
  }

  @Override
  public List<StoredTransaction> byName(TeamId teamId, ProjectId projectId, String name, int limit) {
    Objects.requireNonNull(name, "name");
    return newest(teamId, projectId, " AND name = ?", name, limit);
  }

  @Override
  public List<StoredTransaction> byTrace(TeamId teamId, ProjectId projectId, String traceId,
      int limit) {
    Objects.requireNonNull(traceId, "traceId");
    return newest(teamId, projectId, " AND trace_id = ?", traceId, limit);
  }

  @Override
  public List<StoredTransaction> latest(TeamId teamId, ProjectId projectId, int limit) {
    return newest(teamId, projectId, "", null, limit);
  }

  private List<StoredTransaction> newest(TeamId teamId, ProjectId projectId, String extra,
      String value, int limit) {
    Checks.notNegative("limit", limit);
    if (limit == 0) {
      return List.of();
    }
    return transactions.select("team_id = ? AND project_id = ?" + extra, ps -> {
      ps.setString(1, Objects.requireNonNull(teamId, "teamId").value());
      ps.setString(2, Objects.requireNonNull(projectId, "projectId").value());
      if (value != null) {
        ps.setString(3, value);
      }
    }, "seq DESC LIMIT " + limit);
  }
}
