package dev.obskit.incidents.oncall.ical;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret tokens for subscription URLs, one per schedule and one per user of a schedule (Grafana
 * OnCall's secret export URLs), so a host can serve {@code /oncall/{team}/{schedule}.ics?token=...}
 * to calendar apps that cannot send credentials. A token is
 * {@code base64url(HMAC-SHA256(secret, "obskit-ical-v1\n" + team + "\n" + schedule + "\n" + user))}
 * with an empty user for the whole schedule: nothing to store, and changing the secret revokes
 * every URL at once. Verification is constant-time and never throws on hostile input.
 * Immutable and thread-safe.
 */
public final class CalendarFeedTokens {
  /** Shortest accepted secret, in bytes (the HMAC-SHA256 block-size guidance is 32+). */
  public static final int MIN_SECRET_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAX_TOKEN_LENGTH = 100;

  private final SecretKeySpec key;

  private CalendarFeedTokens(byte[] secret) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /** Returns tokens keyed by {@code secret} (at least {@value #MIN_SECRET_BYTES} bytes; copied). */
  public static CalendarFeedTokens withSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_BYTES
          + " bytes, got " + secret.length);
    }
    return new CalendarFeedTokens(secret.clone());
  }

  /** Returns the token for the whole schedule's feed. */
  public String scheduleToken(TeamId team, ScheduleId schedule) {
    return encode(mac(team, schedule, null));
  }

  /** Returns the token for one user's feed of the schedule. */
  public String userToken(TeamId team, ScheduleId schedule, UserId user) {
    return encode(mac(team, schedule, Objects.requireNonNull(user, "user")));
  }

  /** Returns whether {@code token} opens the whole schedule's feed; false for any bad input. */
  public boolean verifySchedule(TeamId team, ScheduleId schedule, String token) {
    return matches(mac(team, schedule, null), token);
  }

  /** Returns whether {@code token} opens {@code user}'s feed; false for any bad input. */
  public boolean verifyUser(TeamId team, ScheduleId schedule, UserId user, String token) {
    return matches(mac(team, schedule, Objects.requireNonNull(user, "user")), token);
  }

  private static boolean matches(byte[] expected, String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  private byte[] mac(TeamId team, ScheduleId schedule, UserId user) {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(schedule, "schedule");
    String message = "obskit-ical-v1\n" + team + "\n" + schedule + "\n" + (user == null ? "" : user);
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory on every Java platform; reaching this means a broken JRE.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String encode(byte[] mac) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }
}
