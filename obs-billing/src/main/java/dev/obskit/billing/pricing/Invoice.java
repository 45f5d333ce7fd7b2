package dev.obskit.billing.pricing;

import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An itemised invoice (or a quote, until stored): its lines and a total that is exactly the sum of
 * the rounded lines, so a customer adding up the lines gets the total. Immutable.
 *
 * @param id the invoice id, {@code inv-<yyyy-MM>-<subscription>} when short enough
 * @param teamId the billed team
 * @param version optimistic-locking version
 * @param subscriptionId the priced subscription
 * @param bookId the price book id
 * @param bookVersion the price book version
 * @param period the billing period
 * @param lines the lines, recurring first, then terms, then usage in book order
 * @param total the sum of the lines' amounts
 * @param computedAt when the quote was computed
 */
public record Invoice(InvoiceId id, TeamId teamId, long version, SubscriptionId subscriptionId,
    String bookId, int bookVersion, BillingPeriod period, List<InvoiceLine> lines, Money total,
    Instant computedAt) implements Aggregate<InvoiceId> {

  /** Validates the components, copies the lines and checks the total is their sum. */
  public Invoice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(bookId, "bookId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(computedAt, "computedAt");
    lines = List.copyOf(lines);
    Money sum = Money.zero(total.currency());
    for (InvoiceLine line : lines) {
      sum = sum.plus(line.amount());
    }
    if (!sum.equals(total)) {
      throw new IllegalArgumentException("total " + total + " is not the sum of the lines " + sum);
    }
  }

  /** Returns the line for {@code itemCode}, if there is exactly one or more (the first). */
  public Optional<InvoiceLine> line(String itemCode) {
    return lines.stream().filter(l -> l.itemCode().equals(itemCode)).findFirst();
  }
}
