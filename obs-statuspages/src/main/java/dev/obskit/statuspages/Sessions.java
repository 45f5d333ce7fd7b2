package dev.obskit.statuspages;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring session cookies for password-protected pages: {@code
 * base64url(page|expiry).base64url(HMAC-SHA256)}, where the MAC also covers a fingerprint of the
 * page's password hash, so changing the password ends every session. Expiry is read on the kit
 * clock. Thread-safe.
 */
final class Sessions {
  private final byte[] secret;
  private final Clock clock;
  private final Duration ttl;

  Sessions(byte[] secret, Clock clock, Duration ttl) {
    this.secret = secret.clone();
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Returns the cookie name of {@code page} (a digest: page ids may hold {@code :} or {@code @}). */
  static String cookieName(StatusPageId page) {
    return "obs_sp_" + StatusPages.sha256(page.value()).substring(0, 16);
  }

  String issue(StatusPageId page, byte[] fingerprint) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    String payload = page.value() + "|" + expires;
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(mac(payload, fingerprint));
  }

  String setCookieHeader(StatusPageId page, String value, String path) {
    return cookieName(page) + "=" + value + "; Path=" + path + "; Max-Age=" + ttl.toSeconds()
        + "; HttpOnly; Secure; SameSite=Lax";
  }

  boolean valid(StatusPageId page, byte[] fingerprint, Optional<String> cookie) {
    if (cookie.isEmpty() || cookie.get().length() > 600) {
      return false;
    }
    String v = cookie.get();
    int dot = v.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      String payload = new String(d.decode(v.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] given = d.decode(v.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac(payload, fingerprint))) {
        return false;
      }
      int bar = payload.lastIndexOf('|');
      long expires = Long.parseLong(payload.substring(bar + 1));
      return payload.substring(0, bar).equals(page.value())
          && clock.instant().getEpochSecond() < expires;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  private byte[] mac(String payload, byte[] fingerprint) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(secret, "HmacSHA256"));
      m.update(("session|" + payload + "|" + HexFormat.of().formatHex(fingerprint))
          .getBytes(StandardCharsets.UTF_8));
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
