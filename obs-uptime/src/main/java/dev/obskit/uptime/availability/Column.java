package dev.obskit.uptime.availability;

/**
 * Non-negative per-slot counters of one {@link BucketRing} chunk, stored in the narrowest
 * primitive array that holds the largest value so far: bytes for check counts, chars for the
 * milliseconds of a minute (at most 60,000), ints for hours and days, longs only for absurd
 * totals. Widening copies the array once; values never narrow again. Not thread-safe; guarded by
 * the owning {@link MonitorHistory}.
 */
final class Column {
  private final int size;
  private byte[] bytes;
  private char[] chars;
  private int[] ints;
  private long[] longs;

  Column(int size) {
    this.size = size;
  }

  long get(int i) {
    if (longs != null) {
      return longs[i];
    }
    if (ints != null) {
      return ints[i] & 0xFFFF_FFFFL;
    }
    if (chars != null) {
      return chars[i];
    }
    return bytes == null ? 0 : bytes[i] & 0xFF;
  }

  void add(int i, long delta) {
    long v = get(i) + delta;
    int needed = v <= 0xFF ? 1 : v <= 0xFFFF ? 2 : v <= 0xFFFF_FFFFL ? 4 : 8;
    if (needed > width()) {
      widen(needed);
    }
    if (longs != null) {
      longs[i] = v;
    } else {
      set(i, v);
    }
  }

  /** Returns the bytes per slot currently used (0 before the first value). */
  int width() {
    return longs != null ? 8 : ints != null ? 4 : chars != null ? 2 : bytes != null ? 1 : 0;
  }

  /** Returns an estimate of the heap this column occupies (object and array headers included). */
  long footprintBytes() {
    return 32 + (width() == 0 ? 0 : 16 + (long) size * width());
  }

  private void widen(int width) {
    long[] values = new long[size];
    for (int i = 0; i < size; i++) {
      values[i] = get(i);
    }
    bytes = null;
    chars = null;
    ints = null;
    longs = null;
    switch (width) {
      case 1 -> bytes = new byte[size];
      case 2 -> chars = new char[size];
      case 4 -> ints = new int[size];
      default -> longs = values;
    }
    if (longs == null) {
      for (int i = 0; i < size; i++) {
        set(i, values[i]);
      }
    }
  }

  private void set(int i, long v) {
    if (ints != null) {
      ints[i] = (int) v;
    } else if (chars != null) {
      chars[i] = (char) v;
    } else {
      bytes[i] = (byte) v;
    }
  }
}
