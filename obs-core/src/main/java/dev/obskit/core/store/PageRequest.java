package dev.obskit.core.store;

/**
 * Which slice of a listing to return. Offset paging: simple for in-memory and SQL stores alike.
 *
 * @param offset items to skip, at least 0
 * @param limit most items to return, 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(int offset, int limit) {
  /** Largest page a store returns. */
  public static final int MAX_LIMIT = 1000;
  /** Default page size. */
  public static final int DEFAULT_LIMIT = 50;

  /** Validates the bounds, naming the bad value. */
  public PageRequest {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** Returns the first page of {@link #DEFAULT_LIMIT} items. */
  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }

  /** Returns the first page of {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(0, limit);
  }

  /** Returns the page after this one; throws if its offset would not fit in an int. */
  public PageRequest next() {
    long nextOffset = (long) offset + limit;
    if (nextOffset > Integer.MAX_VALUE) {
      throw new IllegalStateException("no page after offset " + offset + " with limit " + limit
          + ": the next offset exceeds " + Integer.MAX_VALUE);
    }
    return new PageRequest((int) nextOffset, limit);
  }
}
