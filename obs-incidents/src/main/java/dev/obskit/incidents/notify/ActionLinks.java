package dev.obskit.incidents.notify;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.TimelineEventType;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the incident page and the one-click acknowledge/resolve links put in notifications, and
 * checks them when a click arrives. A link's token is {@code epoch.expires.hex(HMAC-SHA256(secret,
 * input))} where {@code epoch} counts the incident's re-opens (so a re-open invalidates every link
 * sent before it), {@code expires} is the expiry in epoch seconds, and {@code input} is the
 * length-prefixed sequence of version, action, team, incident, epoch and expiry (no two id pairs
 * sign the same bytes, whatever characters the ids hold). A token has exactly one accepted
 * spelling. A leaked link acts only on its own incident, in its own epoch, until it expires.
 * Immutable and thread-safe.
 *
 * <p>Link shapes: {@code {base}/{team}/{incident}} and {@code
 * {base}/{team}/{incident}/{acknowledge|resolve}?token=...}.
 */
public final class ActionLinks {
  /** How long a link works by default. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);
  private static final String VERSION = "obskit-link-v2";
  private static final int MAX_TOKEN_LENGTH = 120;

  /** The action a link performs. */
  public enum Action {
    /** Acknowledge the incident. */
    ACKNOWLEDGE,
    /** Resolve the incident. */
    RESOLVE
  }

  /** What checking a token found. */
  public enum Verdict {
    /** Signed by this kit, for this action, incident and epoch, and not expired. */
    VALID,
    /** Malformed, tampered with, for another incident or action, or signed with another key. */
    INVALID,
    /** Genuine but past its expiry. */
    EXPIRED,
    /** Genuine but sent before the incident was re-opened. */
    STALE
  }

  private final String baseUrl;
  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration ttl;

  /** Creates links under {@code baseUrl} signed with {@code secret}, valid 7 days by the UTC clock. */
  public ActionLinks(String baseUrl, byte[] secret) {
    this(baseUrl, secret, Clock.systemUTC(), DEFAULT_TTL);
  }

  /**
   * Creates links under {@code baseUrl}, signed with {@code secret} (at least 16 bytes), that
   * expire {@code ttl} (1 minute to 400 days) after they are made by {@code clock}.
   */
  public ActionLinks(String baseUrl, byte[] secret, Clock clock, Duration ttl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = dev.obskit.core.config.Checks.durationBetween("ttl", ttl, Duration.ofMinutes(1),
        Duration.ofDays(400));
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, got '" + baseUrl + "'");
    }
    if (secret.length < 16) {
      throw new IllegalArgumentException("link secret must be at least 16 bytes, got " + secret.length);
    }
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** Returns how many times {@code incident} was re-opened: the epoch its links are bound to. */
  public static long epochOf(Incident incident) {
    return incident.entries(TimelineEventType.REOPENED).size();
  }

  /** Returns the incident page URL. */
  public String page(TeamId team, IncidentId incident) {
    return baseUrl + "/" + enc(team.value()) + "/" + enc(incident.value());
  }

  /** Returns the signed link performing {@code action} on {@code incident} in its current epoch. */
  public String link(Action action, Incident incident) {
    return link(action, incident.teamId(), incident.id(), epochOf(incident));
  }

  /** Returns the signed link for an incident never re-opened (epoch 0). */
  public String link(Action action, TeamId team, IncidentId incident) {
    return link(action, team, incident, 0);
  }

  private String link(Action action, TeamId team, IncidentId incident, long epoch) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    return page(team, incident) + "/" + action.name().toLowerCase(Locale.ROOT) + "?token="
        + token(action, team, incident, epoch, expires);
  }

  /**
   * Returns whether {@code token} is genuine for {@code action} on the incident and not expired
   * (its epoch is not compared; use {@link #check} with the incident's current epoch).
   */
  public boolean verify(Action action, TeamId team, IncidentId incident, String token) {
    Verdict v = check(action, team, incident, token, -1);
    return v == Verdict.VALID || v == Verdict.STALE;
  }

  /**
   * Checks {@code token} for {@code action} on the incident whose current epoch is {@code epoch}
   * (see {@link #epochOf}); constant time in the signature, never throws on hostile input.
   */
  public Verdict check(Action action, TeamId team, IncidentId incident, String token, long epoch) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(incident, "incident");
    long[] parts = parse(token);
    if (parts == null) {
      return Verdict.INVALID;
    }
    String expected = token(action, team, incident, parts[0], parts[1]);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.INVALID;
    }
    if (clock.instant().getEpochSecond() >= parts[1]) {
      return Verdict.EXPIRED;
    }
    return epoch >= 0 && parts[0] != epoch ? Verdict.STALE : Verdict.VALID;
  }

  /** Returns {epoch, expires} of a well-formed token, or null. */
  private static long[] parse(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      long epoch = Long.parseLong(parts[0]);
      long expires = Long.parseLong(parts[1]);
      // The signature is over the numbers; the exact-string comparison refuses other spellings.
      return epoch < 0 || expires < 0 ? null : new long[] {epoch, expires};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String token(Action action, TeamId team, IncidentId incident, long epoch, long expires) {
    ByteArrayOutputStream input = new ByteArrayOutputStream(128);
    for (String field : new String[] {VERSION, action.name(), team.value(), incident.value(),
        Long.toString(epoch), Long.toString(expires)}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      input.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      input.writeBytes(bytes);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return epoch + "." + expires + "." + HexFormat.of().formatHex(mac.doFinal(input.toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every Java 17 runtime", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ActionLinks{" + baseUrl + ", ttl=" + ttl + "}";
  }
}
