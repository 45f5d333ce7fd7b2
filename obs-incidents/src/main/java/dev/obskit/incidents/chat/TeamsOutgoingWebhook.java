package dev.obskit.incidents.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Microsoft Teams outgoing webhook: Teams posts the message that mentioned the bot with
 * {@code Authorization: HMAC <base64>}, the HMAC-SHA256 of the raw body keyed with the
 * base64-decoded security token shown when the webhook was created. The message text (after the
 * {@code <at>…</at>} mention) is run as a command: {@code ack|resolve <incident>},
 * {@code oncall [schedule]}, {@code incident <title>}; the answer is the reply message.
 *
 * <p>Refused with 401: a missing or wrong HMAC (compared in constant time), an activity whose
 * {@code timestamp} is more than 5 minutes from the clock, and an activity {@code id} already
 * handled (a replay). Thread-safe. The acting user is recorded as {@code teams:<from id>}.
 */
public final class TeamsOutgoingWebhook {
  /** The accepted distance between the activity's timestamp and the clock. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final SecretKeySpec key;
  private final ChatActions actions;
  private final Clock clock;
  private final ReplayGuard replays = new ReplayGuard(TOLERANCE);

  TeamsOutgoingWebhook(String securityToken, ChatActions actions, Clock clock) {
    Objects.requireNonNull(securityToken, "securityToken");
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(securityToken);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the Teams security token must be base64", e);
    }
    if (secret.length < 16) {
      throw new IllegalArgumentException("the Teams security token decodes to at least 16 bytes, got "
          + secret.length);
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Handles one request; {@code authorization} is the raw header value or null. */
  public ChatReply handle(String authorization, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (!signed(authorization, body)) {
      return ChatJson.reply(401, "type", "message", "text", "unauthorized");
    }
    try {
      JsonNode activity = ChatJson.parse(new String(body, StandardCharsets.UTF_8));
      String ts = ChatJson.text(activity, "timestamp");
      if (!ts.isEmpty() && Duration.between(OffsetDateTime.parse(ts).toInstant(), clock.instant())
          .abs().compareTo(TOLERANCE) > 0) {
        return ChatJson.reply(401, "type", "message", "text", "stale");
      }
      String id = ChatJson.text(activity, "id");
      if (id.isEmpty() || !replays.firstTime(id, clock.instant())) {
        return ChatJson.reply(401, "type", "message", "text", "replayed");
      }
      String text = ChatJson.text(activity, "text").replaceAll("(?s)<at>.*?</at>", "")
          .replace("&nbsp;", " ").strip();
      String by = "teams:" + ChatJson.text(activity, "from", "id");
      return ChatJson.reply(200, "type", "message", "text", actions.command(text, by));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      return ChatJson.reply(400, "type", "message", "text", "malformed request");
    }
  }

  private boolean signed(String authorization, byte[] body) {
    if (authorization == null || !authorization.startsWith("HMAC ")) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(5).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, SlackRequestVerifier.hmac(key).doFinal(body));
  }

  /** Returns the {@code Authorization} value Teams would send for {@code body} (tests, fakes). */
  public static String authorization(String securityToken, byte[] body) {
    SecretKeySpec k = new SecretKeySpec(Base64.getDecoder().decode(securityToken), "HmacSHA256");
    return "HMAC " + Base64.getEncoder().encodeToString(SlackRequestVerifier.hmac(k).doFinal(body));
  }
}
