package dev.obskit.billing.subscription;

import dev.obskit.billing.pricebook.ItemKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a subscription holds: its plan, its bundle or an add-on, in a quantity, from an instant
 * until it is ended (replaced or cancelled) or, for add-ons sold in terms, until its term runs out
 * without renewal. Immutable.
 *
 * @param itemCode the price book item
 * @param kind the item's kind in the book: {@link ItemKind#PLAN}, {@link ItemKind#BUNDLE} or
 *     {@link ItemKind#ADD_ON}
 * @param quantity how many, at least 1
 * @param startsAt when it became active
 * @param endsAt when it was ended by a change, exclusive; empty while it runs
 * @param termDays the term length for add-ons that expire (30 for hosting add-ons); 0 otherwise
 * @param autoRenew whether a termed add-on renews itself at the end of each term
 */
public record SubscriptionItem(String itemCode, ItemKind kind, long quantity, Instant startsAt,
    Optional<Instant> endsAt, int termDays, boolean autoRenew) {

  /** Validates the components. */
  public SubscriptionItem {
    Objects.requireNonNull(itemCode, "itemCode");
    Objects.requireNonNull(kind, "kind");
    if (kind == ItemKind.USAGE) {
      throw new IllegalArgumentException(itemCode + " is a USAGE item; usage is metered, not held");
    }
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity of " + itemCode + " must be >= 1, got " + quantity);
    }
    if (termDays < 0) {
      throw new IllegalArgumentException("termDays must be >= 0, got " + termDays);
    }
    if (endsAt.isPresent() && !endsAt.get().isAfter(startsAt)) {
      throw new IllegalArgumentException(itemCode + " must end after it starts");
    }
  }

  /** Returns when a non-renewing termed item expires; empty for untermed or renewing items. */
  public Optional<Instant> expiresAt() {
    if (termDays == 0 || autoRenew) {
      return Optional.empty();
    }
    return Optional.of(startsAt.plus(Duration.ofDays(termDays)));
  }

  /** Returns the exclusive instant the item stops being active, if it ever does. */
  public Optional<Instant> activeUntil() {
    Optional<Instant> expiry = expiresAt();
    if (expiry.isEmpty()) {
      return endsAt;
    }
    if (endsAt.isEmpty()) {
      return expiry;
    }
    return Optional.of(expiry.get().isBefore(endsAt.get()) ? expiry.get() : endsAt.get());
  }

  /** Returns whether the item is active at {@code instant}. */
  public boolean isActiveAt(Instant instant) {
    return !instant.isBefore(startsAt) && activeUntil().map(instant::isBefore).orElse(true);
  }

  /**
   * Returns the starts of the terms (purchase and each renewal) in {@code [from, to)}; each is
   * charged the full term price. Empty for untermed items.
   */
  public List<Instant> termStartsBetween(Instant from, Instant to) {
    List<Instant> starts = new ArrayList<>();
    if (termDays == 0) {
      return starts;
    }
    Instant limit = activeUntil().filter(u -> u.isBefore(to)).orElse(to);
    Duration term = Duration.ofDays(termDays);
    Instant start = startsAt;
    if (start.isBefore(from) && autoRenew) {
      long skipped = Duration.between(startsAt, from).toDays() / termDays;
      start = startsAt.plus(term.multipliedBy(skipped));
    }
    for (; start.isBefore(limit); start = start.plus(term)) {
      if (!start.isBefore(from)) {
        starts.add(start);
      }
      if (!autoRenew) {
        break;
      }
    }
    return starts;
  }

  /** Returns a copy ended at {@code at}. */
  SubscriptionItem endedAt(Instant at) {
    return new SubscriptionItem(itemCode, kind, quantity, startsAt, Optional.of(at), termDays,
        autoRenew);
  }
}
