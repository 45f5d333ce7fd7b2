package dev.obskit.uptime.check;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Send one datagram to {@code host:port} and expect a reply within the timeout whose bytes match
 * {@code expect}. UDP has no handshake, so a reply is the only evidence the service is up.
 *
 * <p>The payload is sent as UTF-8. The reply is matched as ISO-8859-1 text (one character per
 * byte), so the pattern can match text as well as binary replies with {@code \xNN} escapes; the
 * pattern is searched for ({@code find}), anchor it to match the whole reply.
 *
 * @param host host name or address
 * @param port 1 to 65535
 * @param payload request payload, at most {@value #MAX_PAYLOAD} UTF-8 bytes (may be empty)
 * @param expect regular expression the reply must contain a match of
 */
public record UdpSpec(String host, int port, String payload, String expect)
    implements CheckSpec {
  /** Largest payload accepted (fits one unfragmented datagram on common links). */
  public static final int MAX_PAYLOAD = 1_200;

  /** Validates host, port, payload size and the pattern; messages name the bad value. */
  public UdpSpec {
    host = Specs.host(host);
    port = Specs.port(port);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(expect, "expect");
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload must be at most " + MAX_PAYLOAD
          + " bytes, got " + bytes);
    }
    if (expect.isEmpty()) {
      throw new IllegalArgumentException("expect must not be empty (a reply pattern is required)");
    }
    try {
      Pattern.compile(expect);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("expect is not a valid pattern: '"
          + Specs.abbreviate(expect) + "': " + e.getDescription(), e);
    }
  }

  /** Returns {@link #expect()} compiled. */
  public Pattern pattern() {
    return Pattern.compile(expect);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.UDP;
  }

  @Override
  public String targetHost() {
    return host.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "udp://" + host + ":" + port;
  }
}
