package dev.obskit.uptime.check;

import java.util.Objects;

/** Shared validation for spec records; messages name the bad value. */
final class Specs {
  /** Longest accepted host name (RFC 1035 limit). */
  static final int MAX_HOST_LENGTH = 253;

  private Specs() {}

  static String host(String host) {
    Objects.requireNonNull(host, "host");
    String h = host.strip();
    if (h.isEmpty() || h.length() > MAX_HOST_LENGTH) {
      throw new IllegalArgumentException("host must be 1 to " + MAX_HOST_LENGTH
          + " characters, got " + h.length());
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '@') {
        throw new IllegalArgumentException("host contains an illegal character at " + i + ": '"
            + abbreviate(h) + "'");
      }
    }
    return h;
  }

  static int port(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    return port;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
