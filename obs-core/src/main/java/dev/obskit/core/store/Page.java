package dev.obskit.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One slice of a listing. Immutable.
 *
 * @param items the items, in the listing's order
 * @param request the request that produced it
 * @param total how many items the whole listing has
 * @param <T> the item type
 */
public record Page<T>(List<T> items, PageRequest request, long total) {
  /** Copies {@code items}. */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(request, "request");
  }

  /** Returns whether more items follow this page. */
  public boolean hasNext() {
    return request.offset() + (long) items.size() < total;
  }

  /** Returns the request for the next page, if there is one. */
  public Optional<PageRequest> nextRequest() {
    return hasNext() ? Optional.of(request.next()) : Optional.empty();
  }
}
