package dev.obskit.billing.cost.providers;

import dev.obskit.core.config.ConfigProperties;
import java.util.Objects;

/**
 * A credential (API token, secret key) that never shows up in logs: {@link #toString()} is
 * redacted, and only the provider clients of this package read the value. Immutable.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}; it must not be blank. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("secret must not be blank");
    }
    return new Secret(value);
  }

  /** Reads the required secret {@code key} from configuration (environment, system properties). */
  public static Secret fromConfig(ConfigProperties config, String key) {
    return of(Objects.requireNonNull(config, "config").require(key));
  }

  String value() {
    return value;
  }

  /** Returns {@code "****"}: a secret is never printed. */
  @Override
  public String toString() {
    return "****";
  }
}
