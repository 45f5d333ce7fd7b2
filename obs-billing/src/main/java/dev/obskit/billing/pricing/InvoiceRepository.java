package dev.obskit.billing.pricing;

import dev.obskit.core.id.TeamId;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Where issued invoices live: team scoped, versioned (re-issuing a period's invoice stores the
 * next version). Implementations are thread-safe.
 */
public interface InvoiceRepository {
  /** Stores the invoice, as version 1 or as the next version of the same id. */
  Invoice save(Invoice invoice);

  /** Returns the team's invoice with that id. */
  Optional<Invoice> find(TeamId teamId, InvoiceId id);

  /** Returns the team's invoices. */
  List<Invoice> findByTeam(TeamId teamId);

  /** Returns every team's invoices for {@code month}. */
  List<Invoice> forMonth(YearMonth month);

  /** Returns an empty in-memory repository. */
  static InvoiceRepository inMemory() {
    return new InMemoryInvoiceRepository();
  }
}
