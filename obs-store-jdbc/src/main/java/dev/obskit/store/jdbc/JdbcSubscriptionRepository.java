package dev.obskit.store.jdbc;

import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.billing.subscription.SubscriptionRepository;
import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/** Subscriptions in {@code bil_subscription}, items in the body. Thread-safe. */
final class JdbcSubscriptionRepository implements SubscriptionRepository {
  private final AggregateTable<Subscription> subscriptions;

  JdbcSubscriptionRepository(Db db) {
    this.subscriptions = new AggregateTable<>(db, "bil_subscription", Subscription.class,
        AggregateTable.columns());
  }

  @Override
  public Subscription insert(Subscription subscription) {
    return subscriptions.insert(subscription);
  }

  @Override
  public Subscription update(Subscription next) {
    return subscriptions.update(next);
  }

  @Override
  public Optional<Subscription> find(TeamId teamId, SubscriptionId id) {
    return subscriptions.find(teamId, id);
  }

  @Override
  public List<Subscription> findByTeam(TeamId teamId) {
    return subscriptions.select("team_id = ?", ps -> ps.setString(1, teamId.value()), "id");
  }

  @Override
  public List<Subscription> all() {
    return subscriptions.select("1 = 1", ps -> { }, "team_id, id");
  }
}
