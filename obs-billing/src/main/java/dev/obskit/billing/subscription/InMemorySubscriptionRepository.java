package dev.obskit.billing.subscription;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.InMemoryAggregateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SubscriptionRepository} over core's {@link InMemoryAggregateStore}. Thread-safe. */
final class InMemorySubscriptionRepository implements SubscriptionRepository {
  private final InMemoryAggregateStore<SubscriptionId, Subscription> store =
      new InMemoryAggregateStore<>();
  private final ConcurrentHashMap.KeySetView<TeamId, Boolean> teams = ConcurrentHashMap.newKeySet();

  @Override
  public Subscription insert(Subscription subscription) {
    Subscription stored = store.insert(subscription);
    teams.add(subscription.teamId());
    return stored;
  }

  @Override
  public Subscription update(Subscription next) {
    return store.update(next);
  }

  @Override
  public Optional<Subscription> find(TeamId teamId, SubscriptionId id) {
    return store.find(teamId, id);
  }

  @Override
  public List<Subscription> findByTeam(TeamId teamId) {
    return store.listAll(teamId, s -> true);
  }

  @Override
  public List<Subscription> all() {
    List<Subscription> all = new ArrayList<>();
    for (TeamId team : teams) {
      all.addAll(store.listAll(team, s -> true));
    }
    return all;
  }
}
