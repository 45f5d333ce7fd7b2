package dev.obskit.billing.subscription;

import dev.obskit.billing.pricebook.ItemKind;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceItem;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.core.store.Versioned;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a team has bought: a price book (id and version), a region, a billing time zone, and the
 * history of its plan, bundle and add-ons as {@link SubscriptionItem}s with their active intervals.
 * History is kept (items are ended, never removed) so any period can be priced after the fact,
 * including mid-period changes. An immutable snapshot: changes return a new snapshot carrying the
 * version it was derived from; the repository assigns the next version when it is saved.
 *
 * @param id the subscription's id
 * @param teamId the owning team
 * @param version optimistic-locking version
 * @param bookId the price book's id
 * @param bookVersion the price book's version
 * @param region where the team's telemetry is stored, which prices ingest overage
 * @param billingZone the zone whose calendar months are the billing periods
 * @param items every item ever held, in the order added
 */
public record Subscription(SubscriptionId id, TeamId teamId, long version, String bookId,
    int bookVersion, Region region, ZoneId billingZone, List<SubscriptionItem> items)
    implements Aggregate<SubscriptionId> {

  /** Validates the components and copies the items. */
  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(bookId, "bookId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(billingZone, "billingZone");
    items = List.copyOf(items);
  }

  /**
   * Starts a subscription to {@code book} with no plan, no bundle and no add-ons.
   *
   * @throws IllegalArgumentException when the book does not offer {@code region}
   */
  public static Subscription create(SubscriptionId id, TeamId teamId, PriceBook book, Region region,
      ZoneId billingZone) {
    book.requireRegion(region);
    return new Subscription(id, teamId, Versioned.INITIAL_VERSION, book.id(), book.version(),
        region, billingZone, List.of());
  }

  /**
   * Checks the whole subscription against its book: the book's id and version, the region, and
   * every item's existence, kind and quantity ({@code maxQuantity}). Run when a subscription is
   * saved, so a bad one fails then and not later in an invoice run.
   *
   * @throws IllegalArgumentException naming the item or region at fault
   */
  public void validateAgainst(PriceBook book) {
    requireBook(book);
    book.requireRegion(region);
    for (SubscriptionItem item : items) {
      requireKind(book, item.itemCode(), item.kind());
      requireQuantity(book.require(item.itemCode()), item.quantity());
    }
  }

  /** Returns the items active at {@code at}. */
  public List<SubscriptionItem> activeAt(Instant at) {
    return items.stream().filter(i -> i.isActiveAt(at)).toList();
  }

  /** Returns the bundle active at {@code at}, if any. */
  public Optional<SubscriptionItem> bundleAt(Instant at) {
    return activeAt(at).stream().filter(i -> i.kind() == ItemKind.BUNDLE).findFirst();
  }

  /** Returns the plan active at {@code at}, if any. */
  public Optional<SubscriptionItem> planAt(Instant at) {
    return activeAt(at).stream().filter(i -> i.kind() == ItemKind.PLAN).findFirst();
  }

  /**
   * Returns the quota limits in force at {@code at}, by meter: the plan's limits plus each active
   * add-on's limits times its quantity (saturating at {@link Long#MAX_VALUE}). A meter no active
   * item limits is absent, meaning unlimited.
   */
  public Map<String, Long> effectiveLimits(PriceBook book, Instant at) {
    Map<String, Long> limits = new TreeMap<>();
    for (SubscriptionItem item : activeAt(at)) {
      book.require(item.itemCode()).limits().forEach((meter, perUnit) ->
          limits.merge(meter, saturatingMultiply(perUnit, item.quantity()), Subscription::saturatingAdd));
    }
    return limits;
  }

  /** Replaces the plan from {@code at}; the previous plan is charged up to that day. */
  public Subscription changePlan(PriceBook book, String planCode, Instant at) {
    return replaceExclusive(book, ItemKind.PLAN, Optional.of(planCode), at);
  }

  /** Replaces the bundle from {@code at}, or removes it when {@code bundleCode} is empty. */
  public Subscription changeBundle(PriceBook book, Optional<String> bundleCode, Instant at) {
    return replaceExclusive(book, ItemKind.BUNDLE, bundleCode, at);
  }

  /**
   * Adds {@code quantity} of an add-on from {@code at}. Add-ons whose book item has a term expire
   * {@code termDays} after purchase unless {@code autoRenew}.
   */
  public Subscription addAddOn(PriceBook book, String code, long quantity, Instant at,
      boolean autoRenew) {
    PriceItem item = requireKind(book, code, ItemKind.ADD_ON);
    requireQuantity(item, quantity);
    List<SubscriptionItem> next = new ArrayList<>(items);
    next.add(new SubscriptionItem(code, ItemKind.ADD_ON, quantity, at, Optional.empty(),
        item.termDays(), autoRenew));
    return withItems(next);
  }

  /** Ends every running item with {@code code} at {@code at} (cancellation). */
  public Subscription endItem(String code, Instant at) {
    List<SubscriptionItem> next = new ArrayList<>();
    for (SubscriptionItem item : items) {
      boolean running = item.itemCode().equals(code) && item.endsAt().isEmpty()
          && at.isAfter(item.startsAt());
      next.add(running ? item.endedAt(at) : item);
    }
    return withItems(next);
  }

  private Subscription replaceExclusive(PriceBook book, ItemKind kind, Optional<String> code,
      Instant at) {
    code.ifPresent(c -> requireKind(book, c, kind));
    List<SubscriptionItem> next = new ArrayList<>();
    for (SubscriptionItem item : items) {
      boolean running = item.kind() == kind && item.endsAt().isEmpty();
      if (running && !at.isAfter(item.startsAt())) {
        continue;
      }
      next.add(running ? item.endedAt(at) : item);
    }
    code.ifPresent(c -> next.add(new SubscriptionItem(c, kind, 1, at, Optional.empty(), 0, false)));
    return withItems(next);
  }

  private void requireBook(PriceBook book) {
    if (!book.id().equals(bookId) || book.version() != bookVersion) {
      throw new IllegalArgumentException("subscription " + id + " uses price book " + bookId + " v"
          + bookVersion + ", not " + book.id() + " v" + book.version());
    }
  }

  private static void requireQuantity(PriceItem item, long quantity) {
    if (java.math.BigDecimal.valueOf(quantity).compareTo(item.maxQuantity()) > 0) {
      throw new IllegalArgumentException("quantity " + quantity + " of item '" + item.code()
          + "' is above its limit " + item.maxQuantity().toPlainString() + " (maxQuantity)");
    }
  }

  private PriceItem requireKind(PriceBook book, String code, ItemKind kind) {
    requireBook(book);
    PriceItem item = book.require(code);
    if (item.kind() != kind) {
      throw new IllegalArgumentException("item '" + code + "' is a " + item.kind() + ", not a "
          + kind);
    }
    return item;
  }

  /** Returns this snapshot with {@code newVersion}, for repositories. */
  public Subscription withVersion(long newVersion) {
    return new Subscription(id, teamId, newVersion, bookId, bookVersion, region, billingZone, items);
  }

  private Subscription withItems(List<SubscriptionItem> next) {
    return new Subscription(id, teamId, version, bookId, bookVersion, region, billingZone, next);
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
