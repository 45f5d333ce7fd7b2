package dev.obskit.core.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Small security helpers shared by every route. Stateless and thread-safe. */
public final class HttpSecurity {
  private HttpSecurity() {}

  /**
   * Compares two secrets in time independent of where they differ (both are hashed first, so the
   * time does not reveal the expected length either). Null on either side is never equal.
   */
  public static boolean constantTimeEquals(String expected, String actual) {
    if (expected == null || actual == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(actual));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Returns the token of an {@code Authorization: Bearer <token>} header value, or null when the
   * value is not a bearer credential.
   */
  public static String bearerToken(String authorization) {
    if (authorization == null || authorization.length() < 8
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
