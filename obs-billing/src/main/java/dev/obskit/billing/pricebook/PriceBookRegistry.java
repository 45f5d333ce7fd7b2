package dev.obskit.billing.pricebook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The books a billing module knows, by id and version. Books are never replaced: registering a
 * second book with the same id and version fails, so a past invoice can always be recomputed
 * against exactly the book it was issued with. Thread-safe.
 */
public final class PriceBookRegistry {
  private final ConcurrentHashMap<String, PriceBook> books = new ConcurrentHashMap<>();

  /** Adds {@code book}; throws if that id and version is already registered. */
  public PriceBookRegistry register(PriceBook book) {
    Objects.requireNonNull(book, "book");
    PriceBook previous = books.putIfAbsent(key(book.id(), book.version()), book);
    if (previous != null && previous != book) {
      throw new IllegalStateException("price book " + book.id() + " v" + book.version()
          + " is already registered");
    }
    return this;
  }

  /** Returns the book with that id and version, if registered. */
  public Optional<PriceBook> find(String id, int version) {
    return Optional.ofNullable(books.get(key(id, version)));
  }

  /** Returns the highest registered version of {@code id}, if any. */
  public Optional<PriceBook> latest(String id) {
    return books.values().stream().filter(b -> b.id().equals(id))
        .max(Comparator.comparingInt(PriceBook::version));
  }

  /**
   * Returns the version of {@code id} in force on {@code date}: the highest version whose
   * {@code effectiveFrom} is on or before it. Empty when none was in force yet.
   */
  public Optional<PriceBook> inForce(String id, LocalDate date) {
    Objects.requireNonNull(date, "date");
    return books.values().stream()
        .filter(b -> b.id().equals(id) && !b.effectiveFrom().isAfter(date))
        .max(Comparator.comparingInt(PriceBook::version));
  }

  /** Returns every registered book. */
  public List<PriceBook> all() {
    return new ArrayList<>(books.values());
  }

  private static String key(String id, int version) {
    return id + "@" + version;
  }
}
