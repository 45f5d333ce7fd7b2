package dev.obskit.incidents.chat;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's request signature: {@code X-Slack-Signature: v0=<hex>} where hex is
 * HMAC-SHA256 keyed with the app's signing secret over {@code "v0:" + X-Slack-Request-Timestamp +
 * ":" + raw body}. A timestamp more than {@link #TOLERANCE} from the clock is refused, the digest is
 * compared in constant time, and an accepted signature is refused if it comes again (a replay).
 * Thread-safe. The secret is never logged or returned.
 */
public final class SlackRequestVerifier {
  /** Slack's documented window. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** The outcome of {@link #verify}. */
  public enum Verdict {
    /** Signed with the secret, fresh and not seen before. */
    VALID,
    /** A header is missing or not in Slack's format. */
    MALFORMED,
    /** The timestamp is more than 5 minutes from now. */
    STALE,
    /** The signature does not match the body (tampered, or another secret). */
    MISMATCH,
    /** This exact signed request was already accepted. */
    REPLAYED
  }

  private final SecretKeySpec key;
  private final Clock clock;
  private final ReplayGuard replays = new ReplayGuard(TOLERANCE);

  /** Creates a verifier for the app's signing secret (at least 16 bytes). */
  public SlackRequestVerifier(String signingSecret, Clock clock) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (signingSecret.length() < 16) {
      throw new IllegalArgumentException("a Slack signing secret has at least 16 characters, got "
          + signingSecret.length());
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Checks one request; {@code timestamp} and {@code signature} are the raw header values or null. */
  public Verdict verify(String timestamp, String signature, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (timestamp == null || signature == null || !signature.startsWith("v0=")
        || signature.length() != 67 || !timestamp.matches("\\d{1,12}")) {
      return Verdict.MALFORMED;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(3));
    } catch (IllegalArgumentException e) {
      return Verdict.MALFORMED;
    }
    Instant now = clock.instant();
    Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
      return Verdict.STALE;
    }
    if (!MessageDigest.isEqual(given, sign(timestamp, body))) {
      return Verdict.MISMATCH;
    }
    return replays.firstTime(signature, now) ? Verdict.VALID : Verdict.REPLAYED;
  }

  /** Returns the {@code v0=} signature Slack would send (for tests and fakes). */
  public String signature(String timestamp, byte[] body) {
    return "v0=" + HexFormat.of().formatHex(sign(timestamp, body));
  }

  private byte[] sign(String timestamp, byte[] body) {
    Mac mac = hmac(key);
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    return mac.doFinal(body);
  }

  static Mac hmac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
