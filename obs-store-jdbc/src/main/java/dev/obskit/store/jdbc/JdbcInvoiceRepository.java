package dev.obskit.store.jdbc;

import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceId;
import dev.obskit.billing.pricing.InvoiceRepository;
import dev.obskit.core.id.TeamId;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Invoices in {@code bil_invoice}; saving an existing id stores the next version, with the
 * optimistic check, so two concurrent re-issues cannot both win. Thread-safe.
 */
final class JdbcInvoiceRepository implements InvoiceRepository {
  private final Db db;
  private final AggregateTable<Invoice> invoices;

  JdbcInvoiceRepository(Db db) {
    this.db = db;
    this.invoices = new AggregateTable<>(db, "bil_invoice", Invoice.class, AggregateTable.columns(
        new AggregateTable.Column<>("period_month", i -> i.period().month().toString())));
  }

  @Override
  public Invoice save(Invoice invoice) {
    return db.tx("save of invoice " + invoice.id(), c -> {
      List<Long> current = Db.query(c, "SELECT version FROM " + invoices.name()
          + " WHERE team_id = ? AND id = ?", ps -> {
            ps.setString(1, invoice.teamId().value());
            ps.setString(2, invoice.id().value());
          }, rs -> rs.getLong(1));
      return current.isEmpty() ? invoices.insert(c, withVersion(invoice, 1))
          : invoices.update(c, withVersion(invoice, current.get(0) + 1));
    });
  }

  private static Invoice withVersion(Invoice i, long version) {
    return new Invoice(i.id(), i.teamId(), version, i.subscriptionId(), i.bookId(), i.bookVersion(),
        i.period(), i.lines(), i.total(), i.computedAt());
  }

  @Override
  public Optional<Invoice> find(TeamId teamId, InvoiceId id) {
    return invoices.find(teamId, id);
  }

  @Override
  public List<Invoice> findByTeam(TeamId teamId) {
    return invoices.select("team_id = ?", ps -> ps.setString(1, teamId.value()), "id");
  }

  @Override
  public List<Invoice> forMonth(YearMonth month) {
    return invoices.select("period_month = ?", ps -> ps.setString(1, month.toString()),
        "team_id, id");
  }
}
