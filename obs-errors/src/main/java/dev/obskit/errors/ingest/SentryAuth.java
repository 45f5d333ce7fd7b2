package dev.obskit.errors.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Extracts the DSN public key from {@code X-Sentry-Auth} ({@code Sentry sentry_key=..., ...} with
 * or without spaces after the commas, as sentry-java and other SDKs differ), from {@code
 * Authorization: Sentry ...}, or from the {@code sentry_key} query parameter.
 */
final class SentryAuth {
  private SentryAuth() {}

  /** Returns the public key, or null when the request carries none. */
  static String publicKey(IngestRequest request) {
    String key = fromHeader(request.header("x-sentry-auth"));
    if (key == null) {
      key = fromHeader(request.header("authorization"));
    }
    if (key == null) {
      key = query(request.query()).get("sentry_key");
    }
    return key == null || key.isBlank() ? null : key.trim();
  }

  static String fromHeader(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.regionMatches(true, 0, "Sentry ", 0, 7)) {
      h = h.substring(7);
    } else if (!h.toLowerCase(Locale.ROOT).contains("sentry_key")) {
      return null;
    }
    for (String part : h.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equals("sentry_key")) {
        return p.substring(eq + 1).trim();
      }
    }
    return null;
  }

  static Map<String, String> query(String query) {
    Map<String, String> out = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // A malformed %-escape: skip the pair like any other unreadable parameter.
          continue;
        }
      }
    }
    return out;
  }
}
