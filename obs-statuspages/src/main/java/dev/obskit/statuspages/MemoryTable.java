package dev.obskit.statuspages;

import dev.obskit.core.id.TypedId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.core.store.Versioned;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The engine of this module's in-memory repositories: ids unique kit-wide, optimistic versions. */
final class MemoryTable<I extends TypedId, A extends Aggregate<I>> {
  private final ConcurrentHashMap<I, A> rows = new ConcurrentHashMap<>();

  A insert(A a) {
    if (a.version() != Versioned.INITIAL_VERSION) {
      throw new IllegalArgumentException("a new " + a.id() + " must have version "
          + Versioned.INITIAL_VERSION + ", got " + a.version());
    }
    if (rows.putIfAbsent(a.id(), a) != null) {
      throw new DuplicateKeyException(a.teamId() + "/" + a.id());
    }
    return a;
  }

  A update(A next) {
    rows.compute(next.id(), (k, current) -> {
      long actual = current == null ? 0 : current.version();
      if (current == null || actual != next.version() - 1) {
        throw new StaleVersionException(next.teamId() + "/" + next.id(), next.version() - 1,
            actual);
      }
      return next;
    });
    return next;
  }

  Optional<A> find(I id) {
    return Optional.ofNullable(rows.get(id));
  }

  boolean delete(I id) {
    return rows.remove(id) != null;
  }

  List<A> list(Predicate<? super A> filter, Comparator<? super A> order) {
    List<A> out = new ArrayList<>();
    rows.values().forEach(a -> {
      if (filter.test(a)) {
        out.add(a);
      }
    });
    out.sort(order);
    return out;
  }
}
