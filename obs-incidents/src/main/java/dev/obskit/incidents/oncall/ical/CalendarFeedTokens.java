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
 * (unpadded) with an empty user for the whole schedule, plus {@code "\n#" + generation} once that
 * feed was revoked: {@link #revokeSchedule}/{@link #revokeUser} move one feed to a new token and
 * leave every other feed's URL working; changing the secret revokes every URL at once. A token has
 * exactly one accepted spelling (no padding, no other trailing bits). Verification is constant-time
 * and never throws on hostile input. Thread-safe. Revocations live in the {@link FeedRevocations}
 * given (default: in this process's memory).
 */
public final class CalendarFeedTokens {
  /** Shortest accepted secret, in bytes (the HMAC-SHA256 block-size guidance is 32+). */
  public static final int MIN_SECRET_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAX_TOKEN_LENGTH = 100;

  private final SecretKeySpec key;
  private final FeedRevocations revocations;

  /**
   * Where each feed's revocation count is kept; a durable implementation keeps revoked URLs dead
   * across restarts. Implementations must be thread-safe.
   */
  public interface FeedRevocations {
    /** Returns how many times feed {@code feed} was revoked (0 if never). */
    long generation(String feed);

    /** Records one more revocation of {@code feed} and returns the new count. */
    long revoke(String feed);

    /** Returns revocations kept in memory (forgotten on restart). */
    static FeedRevocations inMemory() {
      java.util.concurrent.ConcurrentHashMap<String, Long> counts =
          new java.util.concurrent.ConcurrentHashMap<>();
      return new FeedRevocations() {
        @Override
        public long generation(String feed) {
          return counts.getOrDefault(feed, 0L);
        }

        @Override
        public long revoke(String feed) {
          return counts.merge(feed, 1L, Long::sum);
        }
      };
    }
  }

  private CalendarFeedTokens(byte[] secret, FeedRevocations revocations) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
    this.revocations = revocations;
  }

  /** Returns tokens keyed by {@code secret} (at least {@value #MIN_SECRET_BYTES} bytes; copied). */
  public static CalendarFeedTokens withSecret(byte[] secret) {
    return withSecret(secret, FeedRevocations.inMemory());
  }

  /** Returns tokens keyed by {@code secret}, with revocations kept in {@code revocations}. */
  public static CalendarFeedTokens withSecret(byte[] secret, FeedRevocations revocations) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(revocations, "revocations");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_BYTES
          + " bytes, got " + secret.length);
    }
    return new CalendarFeedTokens(secret.clone(), revocations);
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

  /** Invalidates the whole schedule's feed URL; returns its new token. Other feeds keep working. */
  public String revokeSchedule(TeamId team, ScheduleId schedule) {
    revocations.revoke(feed(team, schedule, null));
    return scheduleToken(team, schedule);
  }

  /** Invalidates {@code user}'s feed URL; returns its new token. Other feeds keep working. */
  public String revokeUser(TeamId team, ScheduleId schedule, UserId user) {
    revocations.revoke(feed(team, schedule, Objects.requireNonNull(user, "user")));
    return userToken(team, schedule, user);
  }

  /** Compares the canonical spelling only: padding or other trailing bits never match. */
  private static boolean matches(byte[] expected, String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    return MessageDigest.isEqual(encode(expected).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.UTF_8));
  }

  private static String feed(TeamId team, ScheduleId schedule, UserId user) {
    return "obskit-ical-v1\n" + team + "\n" + schedule + "\n" + (user == null ? "" : user);
  }

  private byte[] mac(TeamId team, ScheduleId schedule, UserId user) {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(schedule, "schedule");
    String feed = feed(team, schedule, user);
    long generation = revocations.generation(feed);
    String message = generation == 0 ? feed : feed + "\n#" + generation;
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
