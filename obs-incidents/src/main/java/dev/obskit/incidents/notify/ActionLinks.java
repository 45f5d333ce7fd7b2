package dev.obskit.incidents.notify;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the incident page and the one-click acknowledge/resolve links put in notifications, and
 * verifies them when the host's endpoint receives a click. A link carries {@code
 * token = hex(HMAC-SHA256(secret, action + ":" + team + ":" + incident))}, so a leaked link only
 * acts on its own incident. Immutable and thread-safe.
 *
 * <p>Link shapes: {@code {base}/{team}/{incident}} and {@code
 * {base}/{team}/{incident}/{acknowledge|resolve}?token=...}.
 */
public final class ActionLinks {
  /** The action a link performs. */
  public enum Action {
    /** Acknowledge the incident. */
    ACKNOWLEDGE,
    /** Resolve the incident. */
    RESOLVE
  }

  private final String baseUrl;
  private final byte[] secret;

  /** Creates links under {@code baseUrl}, signed with {@code secret} (at least 16 bytes). */
  public ActionLinks(String baseUrl, byte[] secret) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(secret, "secret");
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, got '" + baseUrl + "'");
    }
    if (secret.length < 16) {
      throw new IllegalArgumentException("link secret must be at least 16 bytes, got " + secret.length);
    }
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.secret = secret.clone();
  }

  /** Returns the incident page URL. */
  public String page(TeamId team, IncidentId incident) {
    return baseUrl + "/" + enc(team.value()) + "/" + enc(incident.value());
  }

  /** Returns the signed link performing {@code action}. */
  public String link(Action action, TeamId team, IncidentId incident) {
    return page(team, incident) + "/" + action.name().toLowerCase(Locale.ROOT) + "?token="
        + token(action, team, incident);
  }

  /** Returns whether {@code token} authorises {@code action} on the incident; constant time. */
  public boolean verify(Action action, TeamId team, IncidentId incident, String token) {
    if (token == null) {
      return false;
    }
    byte[] expected = token(action, team, incident).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII));
  }

  private String token(Action action, TeamId team, IncidentId incident) {
    String data = action.name() + ":" + team.value() + ":" + incident.value();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every Java 17 runtime", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
