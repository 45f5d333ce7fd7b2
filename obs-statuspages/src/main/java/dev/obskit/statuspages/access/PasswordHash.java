package dev.obskit.statuspages.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hashed with PBKDF2-HMAC-SHA256 (JDK only) and a random 16-byte salt; the clear
 * password is never kept. Encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64) for
 * storage. {@link #toString()} never shows the hash. Immutable and thread-safe; {@link #matches}
 * takes tens to hundreds of milliseconds by design.
 */
public final class PasswordHash {
  /** Default iteration count (OWASP's 2023 guidance for PBKDF2-HMAC-SHA256 is 600,000). */
  public static final int DEFAULT_ITERATIONS = 600_000;
  /** Lowest iteration count accepted (tests may go this low). */
  public static final int MIN_ITERATIONS = 1_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Hashes {@code password} with {@link #DEFAULT_ITERATIONS}. */
  public static PasswordHash create(char[] password) {
    return create(password, DEFAULT_ITERATIONS);
  }

  /** Hashes {@code password} (8 to 1,024 characters) with {@code iterations}. */
  public static PasswordHash create(char[] password, int iterations) {
    Objects.requireNonNull(password, "password");
    if (password.length < 8 || password.length > 1024) {
      throw new IllegalArgumentException("a page password must be 8 to 1024 characters, got "
          + password.length);
    }
    checkIterations(iterations);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Decodes a stored {@link #encoded()} value. */
  public static PasswordHash parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    String[] p = encoded.split("\\$", -1);
    try {
      if (p.length != 4 || !p[0].equals(PREFIX)) {
        throw new IllegalArgumentException("not " + PREFIX);
      }
      int iterations = Integer.parseInt(p[1]);
      checkIterations(iterations);
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] hash = Base64.getDecoder().decode(p[3]);
      if (salt.length < 8 || hash.length != 32) {
        throw new IllegalArgumentException("salt or hash length");
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stored password hash is malformed (" + e.getMessage()
          + ")", e);
    }
  }

  /** Returns whether {@code candidate} is the password, comparing in constant time. */
  public boolean matches(char[] candidate) {
    if (candidate == null || candidate.length == 0 || candidate.length > 1024) {
      return false;
    }
    return MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
  }

  /** Returns the storable form. */
  public String encoded() {
    Base64.Encoder b = Base64.getEncoder();
    return PREFIX + "$" + iterations + "$" + b.encodeToString(salt) + "$"
        + b.encodeToString(hash);
  }

  /** Returns a short digest of the hash that changes when the password does (for cookies). */
  public byte[] fingerprint() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(encoded().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "PasswordHash{" + PREFIX + ", " + iterations + " iterations}";
  }

  private static void checkIterations(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > 10_000_000) {
      throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS
          + " to 10000000, got " + iterations);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
