package dev.obskit.core.id;

import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * ULID-layout ids in Crockford base32, lowercase, monotonic per generator: within one millisecond
 * (or when the clock stands still or steps back, as a {@code ManualClock} or an NTP correction
 * does) the 80-bit random part is incremented instead of redrawn, so ids from one generator
 * always sort in creation order (the ULID spec's monotonic mode). If the random part would
 * overflow, the time part borrows one millisecond from the future rather than failing.
 */
final class UlidGenerator implements IdGenerator {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final long FORTY_BITS = (1L << 40) - 1;
  private final InstantSource clock;
  private final SecureRandom random;
  private long lastMillis = Long.MIN_VALUE;
  private long hi;
  private long lo;

  UlidGenerator(InstantSource clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public String next() {
    long millis;
    long h;
    long l;
    synchronized (this) {
      long now = clock.millis();
      if (now > lastMillis) {
        lastMillis = now;
        redraw();
      } else if (++lo > FORTY_BITS) {
        lo = 0;
        if (++hi > FORTY_BITS) {
          lastMillis++;
          redraw();
        }
      }
      millis = lastMillis;
      h = hi;
      l = lo;
    }
    return encode(millis, h, l);
  }

  private void redraw() {
    byte[] rnd = new byte[10];
    random.nextBytes(rnd);
    long h = 0;
    for (int i = 0; i < 5; i++) {
      h = (h << 8) | (rnd[i] & 0xff);
    }
    long l = 0;
    for (int i = 5; i < 10; i++) {
      l = (l << 8) | (rnd[i] & 0xff);
    }
    hi = h;
    lo = l;
  }

  private static String encode(long millis, long hi, long lo) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (hi & 31)];
      hi >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo >>>= 5;
    }
    return new String(out);
  }
}
