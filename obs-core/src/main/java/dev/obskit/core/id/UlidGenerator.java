package dev.obskit.core.id;

import java.security.SecureRandom;
import java.time.InstantSource;

/** ULID-layout ids in Crockford base32, lowercase. */
final class UlidGenerator implements IdGenerator {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private final InstantSource clock;
  private final SecureRandom random;

  UlidGenerator(InstantSource clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public String next() {
    long millis = clock.millis();
    byte[] rnd = new byte[10];
    random.nextBytes(rnd);
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    long hi = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (rnd[i] & 0xff);
    }
    long lo = 0;
    for (int i = 5; i < 10; i++) {
      lo = (lo << 8) | (rnd[i] & 0xff);
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
