package dev.obskit.billing.pricing;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.InMemoryAggregateStore;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link InvoiceRepository} over core's {@link InMemoryAggregateStore}. Thread-safe. */
final class InMemoryInvoiceRepository implements InvoiceRepository {
  private final InMemoryAggregateStore<InvoiceId, Invoice> store = new InMemoryAggregateStore<>();
  private final ConcurrentHashMap.KeySetView<TeamId, Boolean> teams = ConcurrentHashMap.newKeySet();

  @Override
  public synchronized Invoice save(Invoice invoice) {
    teams.add(invoice.teamId());
    Optional<Invoice> current = store.find(invoice.teamId(), invoice.id());
    if (current.isEmpty()) {
      return store.insert(withVersion(invoice, 1));
    }
    return store.update(withVersion(invoice, current.get().version() + 1));
  }

  @Override
  public Optional<Invoice> find(TeamId teamId, InvoiceId id) {
    return store.find(teamId, id);
  }

  @Override
  public List<Invoice> findByTeam(TeamId teamId) {
    return store.listAll(teamId, i -> true);
  }

  @Override
  public List<Invoice> forMonth(YearMonth month) {
    List<Invoice> result = new ArrayList<>();
    for (TeamId team : teams) {
      result.addAll(store.listAll(team, i -> i.period().month().equals(month)));
    }
    return result;
  }

  private static Invoice withVersion(Invoice i, long version) {
    return new Invoice(i.id(), i.teamId(), version, i.subscriptionId(), i.bookId(), i.bookVersion(),
        i.period(), i.lines(), i.total(), i.computedAt());
  }
}
