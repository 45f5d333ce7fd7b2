package dev.obskit.billing.subscription;

import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/**
 * Where subscriptions live. Every query is scoped by team; updates are optimistic (the stored
 * version must be one less than the new snapshot's). A JDBC implementation maps this to one row
 * per subscription plus one per item. Implementations are thread-safe.
 */
public interface SubscriptionRepository {
  /** Stores a new subscription at version 1. */
  Subscription insert(Subscription subscription);

  /** Stores the next version of a subscription. */
  Subscription update(Subscription next);

  /** Returns the team's subscription with that id. */
  Optional<Subscription> find(TeamId teamId, SubscriptionId id);

  /** Returns the team's subscriptions. */
  List<Subscription> findByTeam(TeamId teamId);

  /** Returns every subscription of every team (for invoice runs). */
  List<Subscription> all();

  /** Returns an empty in-memory repository. */
  static SubscriptionRepository inMemory() {
    return new InMemorySubscriptionRepository();
  }
}
