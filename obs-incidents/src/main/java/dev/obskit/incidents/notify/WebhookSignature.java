package dev.obskit.incidents.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook signature scheme, for senders and receivers. Immutable and thread-safe.
 *
 * <pre>
 * X-ObsKit-Timestamp: 1772442000                      (Unix seconds when sent)
 * X-ObsKit-Signature: v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
 * X-ObsKit-Delivery:  inc-1-p1-1                      (notification id, stable across retries)
 *
 * v1 = lowercase hex of HMAC-SHA256(secret, timestamp + "." + raw request body bytes)
 * </pre>
 *
 * A receiver recomputes v1 over the raw body (before any JSON parsing), compares in constant time,
 * and rejects timestamps more than the replay window (default 5 minutes) away from its clock. The
 * signature header may carry several comma-separated {@code v1=} values while a secret is rotated;
 * one match is enough. Deduplicate retries by {@code X-ObsKit-Delivery}.
 */
public final class WebhookSignature {
  /** Header carrying the Unix-seconds timestamp. */
  public static final String TIMESTAMP_HEADER = "X-ObsKit-Timestamp";
  /** Header carrying {@code v1=<hex>}. */
  public static final String SIGNATURE_HEADER = "X-ObsKit-Signature";
  /** Header carrying the delivery (notification) id, for idempotent receivers. */
  public static final String DELIVERY_HEADER = "X-ObsKit-Delivery";
  /** Default replay window: a timestamp further than this from the receiver's clock is refused. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  /** Shortest accepted secret. */
  public static final int MIN_SECRET_BYTES = 16;
  private static final String SCHEME = "v1=";

  /** What {@link #verify} found. */
  public enum Verification {
    /** A signature matched and the timestamp is inside the window. */
    VALID,
    /** A header is missing or not in the documented format. */
    MALFORMED,
    /** The timestamp is outside the replay window. */
    EXPIRED,
    /** No signature matched the body. */
    MISMATCH;

    /** Returns whether the request is authentic. */
    public boolean isValid() {
      return this == VALID;
    }
  }

  private final byte[] secret;

  /** Creates the scheme for {@code secret} (at least {@value #MIN_SECRET_BYTES} bytes). */
  public WebhookSignature(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("webhook secret must be at least " + MIN_SECRET_BYTES
          + " bytes, got " + secret.length);
    }
    this.secret = secret.clone();
  }

  /** Returns the {@code X-ObsKit-Signature} value for {@code body} sent at {@code epochSeconds}. */
  public String sign(long epochSeconds, byte[] body) {
    return SCHEME + HexFormat.of().formatHex(mac(epochSeconds, body));
  }

  /**
   * Verifies a received request: {@code timestampHeader} and {@code signatureHeader} as received,
   * {@code body} the raw bytes, {@code now} the receiver's clock.
   */
  public Verification verify(String timestampHeader, String signatureHeader, byte[] body,
      Instant now, Duration tolerance) {
    if (timestampHeader == null || signatureHeader == null || body == null
        || timestampHeader.length() > 12 || signatureHeader.length() > 1024) {
      return Verification.MALFORMED;
    }
    long ts;
    try {
      ts = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Verification.MALFORMED;
    }
    if (Math.abs(now.getEpochSecond() - ts) > tolerance.getSeconds()) {
      return Verification.EXPIRED;
    }
    byte[] expected = mac(ts, body);
    boolean sawOne = false;
    for (String part : signatureHeader.split(",")) {
      String p = part.trim();
      if (!p.startsWith(SCHEME)) {
        continue;
      }
      byte[] given;
      try {
        given = HexFormat.of().parseHex(p.substring(SCHEME.length()));
      } catch (IllegalArgumentException notHex) {
        continue;
      }
      sawOne = true;
      if (MessageDigest.isEqual(expected, given)) {
        return Verification.VALID;
      }
    }
    return sawOne ? Verification.MISMATCH : Verification.MALFORMED;
  }

  private byte[] mac(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every Java 17 runtime", e);
    }
  }
}
