package dev.obskit.errors.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the ingestion endpoint, framework-neutral: whatever serves HTTP (a JDK
 * {@code HttpServer}, a servlet, Spring) copies method, path, query, headers and body bytes in.
 * Header names are case-insensitive. Immutable (the body array is not copied: do not change it).
 *
 * @param method the HTTP method
 * @param path the request path, e.g. {@code /api/42/envelope/}
 * @param query the raw query string without {@code ?}, or empty
 * @param headers the headers (first value of each), keys lowercased
 * @param body the raw (possibly compressed) body
 */
public record IngestRequest(String method, String path, String query, Map<String, String> headers,
    byte[] body) {
  /** Validates and lowercases header names. */
  public IngestRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    Map<String, String> lower = new LinkedHashMap<>();
    Objects.requireNonNull(headers, "headers").forEach((k, v) -> {
      if (k != null && v != null) {
        lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
      }
    });
    headers = lower;
    Objects.requireNonNull(body, "body");
  }

  /** Returns a header value by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
