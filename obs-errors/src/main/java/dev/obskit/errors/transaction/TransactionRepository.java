package dev.obskit.errors.transaction;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/**
 * Stores accepted transactions, team-scoped. Implementations keep at least the latest
 * transactions of each project up to a documented bound. Thread-safe.
 */
public interface TransactionRepository {
  /** Stores the transaction; returns false (and stores nothing) if its id is already stored. */
  boolean save(StoredTransaction transaction);

  /** Returns the transaction by id (its event id). */
  Optional<StoredTransaction> find(TeamId teamId, TransactionId id);

  /** Returns the project's transactions named {@code name}, newest first, at most {@code limit}. */
  List<StoredTransaction> byName(TeamId teamId, ProjectId projectId, String name, int limit);

  /** Returns the project's transactions of one trace, newest first, at most {@code limit}. */
  List<StoredTransaction> byTrace(TeamId teamId, ProjectId projectId, String traceId, int limit);

  /** Returns the project's latest transactions, newest first, at most {@code limit}. */
  List<StoredTransaction> latest(TeamId teamId, ProjectId projectId, int limit);

  /**
   * Returns an in-memory repository keeping the latest {@code perProject} transactions of each
   * project (the oldest is evicted first).
   */
  static TransactionRepository inMemory(int perProject) {
    return new InMemoryTransactionRepository(perProject);
  }
}
