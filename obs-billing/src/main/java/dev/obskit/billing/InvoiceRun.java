package dev.obskit.billing;

import dev.obskit.billing.pricing.Invoice;
import dev.obskit.core.id.TeamId;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one invoice run did. A run is idempotent and resumable: a subscription whose invoice for
 * the month is already stored is listed in {@link #alreadyIssued()} and not issued again, so
 * running twice issues each invoice once, and re-running after a failure issues only the missing
 * ones. One team's failure is reported in {@link #failures()} and never stops the others.
 * Immutable.
 *
 * @param month the billed month
 * @param issued invoices stored by this run
 * @param alreadyIssued invoices of the month stored by an earlier run, left unchanged
 * @param failures error message by team whose invoice could not be issued
 */
public record InvoiceRun(YearMonth month, List<Invoice> issued, List<Invoice> alreadyIssued,
    Map<TeamId, String> failures) {
  /** Copies the collections. */
  public InvoiceRun {
    Objects.requireNonNull(month, "month");
    issued = List.copyOf(issued);
    alreadyIssued = List.copyOf(alreadyIssued);
    failures = Map.copyOf(failures);
  }

  /** Returns whether every subscription has its invoice for the month. */
  public boolean isComplete() {
    return failures.isEmpty();
  }
}
