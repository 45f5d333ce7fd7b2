package dev.obskit.errors.transaction;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted transaction, as stored. Written once, so the version is always {@link
 * dev.obskit.core.store.Versioned#INITIAL_VERSION}. Immutable.
 *
 * @param id the transaction id (its event id)
 * @param teamId the owning team
 * @param version always 1
 * @param projectId the project it was sent to
 * @param receivedAt when it was accepted
 * @param transaction the transaction
 */
public record StoredTransaction(TransactionId id, TeamId teamId, long version, ProjectId projectId,
    Instant receivedAt, Transaction transaction) implements Aggregate<TransactionId> {
  /** Validates. */
  public StoredTransaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(transaction, "transaction");
  }
}
