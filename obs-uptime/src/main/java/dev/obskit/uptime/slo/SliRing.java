package dev.obskit.uptime.slo;

/**
 * Good and valid check counts of one SLO per minute, for the whole span it needs (its period or
 * its longest alert window, whichever is longer), so every trailing window is exact to the
 * minute at both edges: no partial hour is dropped at the old edge. Memory: two ints per minute,
 * ~346 KB for a 30-day span. Thread-safe (synchronized).
 */
final class SliRing {
  static final long MINUTE = 60_000L;

  private final int slots;
  private final long[] minuteOf;
  private final int[] valid;
  private final int[] good;

  /** A ring holding {@code minutes} minutes, at least 1. */
  SliRing(long minutes) {
    if (minutes < 1 || minutes > 600_000) {
      throw new IllegalArgumentException("minutes must be 1 to 600000, got " + minutes);
    }
    this.slots = (int) minutes;
    this.minuteOf = new long[slots];
    java.util.Arrays.fill(minuteOf, Long.MIN_VALUE);
    this.valid = new int[slots];
    this.good = new int[slots];
  }

  /** Adds {@code validCount} checks, {@code goodCount} of them good, in the minute of {@code atMillis}. */
  synchronized void add(long atMillis, int validCount, int goodCount) {
    long minute = Math.floorDiv(atMillis, MINUTE);
    int i = (int) Math.floorMod(minute, (long) slots);
    if (minuteOf[i] != minute) {
      if (minuteOf[i] > minute) {
        return; // older than the ring holds
      }
      minuteOf[i] = minute;
      valid[i] = 0;
      good[i] = 0;
    }
    valid[i] = saturated((long) valid[i] + validCount);
    good[i] = saturated((long) good[i] + goodCount);
  }

  /**
   * Returns {good, valid} over the {@code minutes} minutes ending with the minute of
   * {@code nowMillis} (that minute included, so far as it has been counted).
   */
  synchronized long[] sum(long nowMillis, long minutes) {
    long last = Math.floorDiv(nowMillis, MINUTE);
    long first = last - Math.min(minutes, slots) + 1;
    long g = 0;
    long v = 0;
    for (long m = first; m <= last; m++) {
      int i = (int) Math.floorMod(m, (long) slots);
      if (minuteOf[i] == m) {
        g += good[i];
        v += valid[i];
      }
    }
    return new long[] {g, v};
  }

  private static int saturated(long n) {
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
