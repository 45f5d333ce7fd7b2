package dev.obskit.core.store;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.TypedId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The shared engine behind every module's in-memory repository: team-scoped, optimistic-versioned,
 * thread-safe. Modules wrap it behind their own repository interface rather than exposing it.
 *
 * <p>Version rule: {@link #insert} takes an aggregate at {@link Versioned#INITIAL_VERSION};
 * {@link #update} takes the next snapshot, whose version must be exactly one more than the stored
 * one. Both checks are atomic per aggregate.
 *
 * @param <I> the id type
 * @param <A> the aggregate type
 */
public final class InMemoryAggregateStore<I extends TypedId, A extends Aggregate<I>> {
  private final ConcurrentHashMap<Key<I>, A> byKey = new ConcurrentHashMap<>();

  /** Stores a new aggregate; throws {@link DuplicateKeyException} if its id is taken. */
  public A insert(A aggregate) {
    Objects.requireNonNull(aggregate, "aggregate");
    if (aggregate.version() != Versioned.INITIAL_VERSION) {
      throw new IllegalArgumentException("a new aggregate must have version "
          + Versioned.INITIAL_VERSION + ", got " + aggregate.version() + " for " + aggregate.id());
    }
    A previous = byKey.putIfAbsent(key(aggregate), aggregate);
    if (previous != null) {
      throw new DuplicateKeyException(aggregate.teamId() + "/" + aggregate.id());
    }
    return aggregate;
  }

  /**
   * Replaces the stored aggregate with {@code next} if the stored version is {@code
   * next.version() - 1}; otherwise throws {@link StaleVersionException}.
   */
  public A update(A next) {
    Objects.requireNonNull(next, "next");
    long expected = next.version() - 1;
    byKey.compute(key(next), (k, current) -> {
      long actual = current == null ? 0 : current.version();
      // A missing aggregate is never updated into existence, whatever version the caller passes.
      if (current == null || actual != expected) {
        throw new StaleVersionException(next.teamId() + "/" + next.id(), expected, actual);
      }
      return next;
    });
    return next;
  }

  /** Returns the aggregate, if the team has one with that id. */
  public Optional<A> find(TeamId teamId, I id) {
    return Optional.ofNullable(byKey.get(new Key<>(teamId, id)));
  }

  /** Removes the aggregate; returns whether it was there. */
  public boolean delete(TeamId teamId, I id) {
    return byKey.remove(new Key<>(teamId, id)) != null;
  }

  /** Returns the team's aggregates that match {@code filter}, sorted, one page of them. */
  public Page<A> list(TeamId teamId, Predicate<? super A> filter, Comparator<? super A> order,
      PageRequest page) {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(page, "page");
    List<A> all = listAll(teamId, filter);
    all.sort(order);
    int from = Math.min(page.offset(), all.size());
    int to = (int) Math.min((long) from + page.limit(), (long) all.size());
    return new Page<>(all.subList(from, to), page, all.size());
  }

  /** Returns all the team's aggregates that match {@code filter}, unordered. */
  public List<A> listAll(TeamId teamId, Predicate<? super A> filter) {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(filter, "filter");
    List<A> result = new ArrayList<>();
    byKey.forEach((k, v) -> {
      if (k.teamId.equals(teamId) && filter.test(v)) {
        result.add(v);
      }
    });
    return result;
  }

  /** Returns how many aggregates are stored across all teams. */
  public int size() {
    return byKey.size();
  }

  private Key<I> key(A aggregate) {
    return new Key<>(Objects.requireNonNull(aggregate.teamId(), "teamId"),
        Objects.requireNonNull(aggregate.id(), "id"));
  }

  private record Key<I>(TeamId teamId, I id) {}
}
