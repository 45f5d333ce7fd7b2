package dev.obskit.billing.cost.providers;

import dev.obskit.billing.money.Decimals;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Objects;

/** Helpers shared by the provider clients. */
final class Providers {
  private Providers() {}

  /** Returns a name valid in a cost record: characters outside [A-Za-z0-9._:@/-] become '-'. */
  static String name(String raw) {
    String cleaned = raw.replaceAll("[^A-Za-z0-9._:@/-]", "-");
    cleaned = cleaned.replaceAll("^[^A-Za-z0-9]+", "");
    if (cleaned.length() > 128) {
      cleaned = cleaned.substring(0, 128);
    }
    return cleaned.isEmpty() ? "unknown" : cleaned;
  }

  /** Parses a provider's decimal amount, naming the field on error. */
  static BigDecimal amount(String text, String what) {
    try {
      return Decimals.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(what + ": " + e.getMessage(), 0, e);
    }
  }

  /** Returns {@code base} without a trailing slash, requiring http or https. */
  static URI base(URI base) {
    Objects.requireNonNull(base, "baseUri");
    String scheme = base.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("baseUri must be http(s), got " + base);
    }
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  /**
   * Resolves a next-page link against {@code base}, refusing links to another host so a
   * credential is never sent elsewhere.
   */
  static URI sameHost(URI base, String link, String what) {
    URI next = base.resolve(link);
    if (!Objects.equals(next.getAuthority(), base.getAuthority())
        || !Objects.equals(next.getScheme(), base.getScheme())) {
      throw new ProviderException(what + ": next page on another host refused: "
          + next.getAuthority(), 0, null);
    }
    return next;
  }
}
