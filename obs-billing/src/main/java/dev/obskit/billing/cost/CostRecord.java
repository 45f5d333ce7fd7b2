package dev.obskit.billing.cost;

import dev.obskit.billing.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One day's cost of one provider service, FOCUS style. The natural key ({@link #key()}) is provider,
 * account, service, sku, date, category and source: collectors upsert on it, so running a day's
 * sync again replaces the figure instead of adding it. Immutable.
 *
 * @param provider e.g. {@code digitalocean}
 * @param accountId the billing account at the provider
 * @param service e.g. {@code droplets}
 * @param sku a finer item, empty when none; manual adjustments get a unique one
 * @param date the charge day (FOCUS ChargePeriodStart; the period is one day)
 * @param category the charge category
 * @param amount the billed cost, full precision
 * @param source API, ESTIMATE or MANUAL
 * @param collectedAt when it was collected or entered
 * @param note free text (why a manual adjustment was made), may be empty
 */
public record CostRecord(String provider, String accountId, String service, String sku,
    LocalDate date, ChargeCategory category, Money amount, CostSource source, Instant collectedAt,
    String note) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");

  /** Validates the components. */
  public CostRecord {
    check("provider", provider);
    check("accountId", accountId);
    check("service", service);
    Objects.requireNonNull(sku, "sku");
    if (!sku.isEmpty()) {
      check("sku", sku);
    }
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(collectedAt, "collectedAt");
    Objects.requireNonNull(note, "note");
    if (note.length() > 1000) {
      throw new IllegalArgumentException("note must be at most 1000 characters, got " + note.length());
    }
  }

  /** Returns the natural key. */
  public Key key() {
    return new Key(provider, accountId, service, sku, date, category, source);
  }

  /** Returns whether everything but {@code collectedAt} equals {@code other}. */
  boolean sameFigures(CostRecord other) {
    return key().equals(other.key()) && amount.equals(other.amount) && note.equals(other.note);
  }

  private static void check(String field, String value) {
    Objects.requireNonNull(value, field);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must match " + NAME + ", got '"
          + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
    }
  }

  /**
   * The natural key of a cost record.
   *
   * @param provider the provider
   * @param accountId the account
   * @param service the service
   * @param sku the sku, possibly empty
   * @param date the charge day
   * @param category the category
   * @param source the source
   */
  public record Key(String provider, String accountId, String service, String sku, LocalDate date,
      ChargeCategory category, CostSource source) {}
}
