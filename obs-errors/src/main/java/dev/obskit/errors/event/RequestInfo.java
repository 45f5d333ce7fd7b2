package dev.obskit.errors.event;

import java.util.Map;
import java.util.Objects;

/**
 * The HTTP request an event happened in. Immutable.
 *
 * @param method the HTTP method, or null
 * @param url the URL without query string, or null
 * @param headers request headers, insertion ordered
 */
public record RequestInfo(String method, String url, Map<String, String> headers) {
  /** Copies the headers. */
  public RequestInfo {
    headers = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
  }
}
