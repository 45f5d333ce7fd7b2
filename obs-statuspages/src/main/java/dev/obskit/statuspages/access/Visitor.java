package dev.obskit.statuspages.access;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks for a page, as access rules see it. Immutable.
 *
 * @param clientAddress the client's IP after the trusted-proxy rules
 * @param cookies request cookies by name
 * @param headers request headers, names in lower case (first value of each)
 */
public record Visitor(String clientAddress, Map<String, String> cookies,
    Map<String, String> headers) {
  /** Copies the maps and lower-cases header names. */
  public Visitor {
    Objects.requireNonNull(clientAddress, "clientAddress");
    cookies = Map.copyOf(Objects.requireNonNull(cookies, "cookies"));
    Map<String, String> h = new java.util.HashMap<>();
    Objects.requireNonNull(headers, "headers").forEach((k, v) ->
        h.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
    headers = Map.copyOf(h);
  }

  /** Returns the header {@code name} (any case). */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
