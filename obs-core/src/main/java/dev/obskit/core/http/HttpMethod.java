package dev.obskit.core.http;

import java.util.Optional;

/** The HTTP methods a {@link Route} can answer. */
public enum HttpMethod {
  GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS;

  /** Returns the method named {@code name} (exact, upper case), or empty for anything else. */
  public static Optional<HttpMethod> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (HttpMethod m : values()) {
      if (m.name().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
