package dev.obskit.billing.pricebook;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned list of prices in one currency: the data every invoice is computed from. Books are
 * immutable; a price change is a new book (new id or version) so an old invoice can always be
 * recomputed with the book in force at the time. Thread-safe.
 */
public final class PriceBook {
  private final String id;
  private final int version;
  private final Currency currency;
  private final LocalDate effectiveFrom;
  private final String description;
  private final Map<String, PriceItem> items;
  private final Map<ItemKind, List<PriceItem>> byKind = new java.util.EnumMap<>(ItemKind.class);
  private final Set<Region> regions;

  /** Creates a book whose regions are those its items price ({@link #regions()}). */
  public PriceBook(String id, int version, Currency currency, LocalDate effectiveFrom,
      String description, List<PriceItem> items) {
    this(id, version, currency, effectiveFrom, description, items, Set.of());
  }

  /**
   * Creates a book; item codes must be unique and bundles may only include usage items. {@code
   * regions} lists the regions a subscription may choose; when empty, they are the regions any
   * item prices regionally (and any region when no item does).
   */
  public PriceBook(String id, int version, Currency currency, LocalDate effectiveFrom,
      String description, List<PriceItem> items, Set<Region> regions) {
    this.id = Objects.requireNonNull(id, "id");
    this.version = version;
    this.currency = Objects.requireNonNull(currency, "currency");
    this.effectiveFrom = Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    this.description = Objects.requireNonNull(description, "description");
    Map<String, PriceItem> byCode = new LinkedHashMap<>();
    for (PriceItem item : items) {
      if (byCode.putIfAbsent(item.code(), item) != null) {
        throw new PriceBookException(id, item.code(), "code", "duplicate item code");
      }
    }
    this.items = Collections.unmodifiableMap(byCode);
    for (ItemKind kind : ItemKind.values()) {
      byKind.put(kind, byCode.values().stream().filter(i -> i.kind() == kind).toList());
    }
    checkBundles();
    Set<Region> declared = new LinkedHashSet<>(Objects.requireNonNull(regions, "regions"));
    if (declared.isEmpty()) {
      byCode.values().forEach(i -> declared.addAll(i.regionPricing().keySet()));
    }
    this.regions = Collections.unmodifiableSet(declared);
  }

  /** Returns the regions a subscription may choose; empty means any region. */
  public Set<Region> regions() {
    return regions;
  }

  /**
   * Checks that a subscription may be in {@code region}: the book offers it, and every item priced
   * only per region has a price there.
   *
   * @throws IllegalArgumentException naming the region, the book and the item
   */
  public void requireRegion(Region region) {
    Objects.requireNonNull(region, "region");
    if (!regions.isEmpty() && !regions.contains(region)) {
      throw new IllegalArgumentException("region " + region + " is not offered by price book " + id
          + " v" + version + " (regions: " + regions + ")");
    }
    for (PriceItem item : items.values()) {
      if (item.pricing().isEmpty() && !item.regionPricing().containsKey(region)) {
        throw new IllegalArgumentException("region " + region + " has no price for item '"
            + item.code() + "' in price book " + id + " v" + version + " (regions priced: "
            + item.regionPricing().keySet() + ")");
      }
    }
  }

  private void checkBundles() {
    for (PriceItem item : items.values()) {
      for (String included : item.includes().keySet()) {
        PriceItem target = items.get(included);
        if (target == null || target.kind() != ItemKind.USAGE) {
          throw new PriceBookException(id, item.code(), "includes." + included,
              "must name a USAGE item of this book");
        }
      }
    }
  }

  /** Returns the book's id, e.g. {@code betterstack-2026-01}. */
  public String id() {
    return id;
  }

  /** Returns the version within the id, starting at 1. */
  public int version() {
    return version;
  }

  /** Returns the currency of every price in the book. */
  public Currency currency() {
    return currency;
  }

  /** Returns the first day the book's prices apply. */
  public LocalDate effectiveFrom() {
    return effectiveFrom;
  }

  /** Returns the human description. */
  public String description() {
    return description;
  }

  /** Returns every item in book order. */
  public List<PriceItem> items() {
    return List.copyOf(items.values());
  }

  /** Returns the items of one kind, in book order. */
  public List<PriceItem> items(ItemKind kind) {
    return byKind.get(kind);
  }

  /** Returns the item with {@code code}, if any. */
  public Optional<PriceItem> item(String code) {
    return Optional.ofNullable(items.get(code));
  }

  /** Returns the item with {@code code}; throws naming the book and code when absent. */
  public PriceItem require(String code) {
    PriceItem item = items.get(code);
    if (item == null) {
      throw new IllegalArgumentException("price book " + id + " v" + version + " has no item '"
          + code + "'");
    }
    return item;
  }

  @Override
  public String toString() {
    return "PriceBook{" + id + " v" + version + ", " + currency + ", " + items.size() + " items}";
  }
}
