package dev.obskit.core.config;

/**
 * A configuration value is missing or malformed. The message always names the property key (in its
 * {@code obs.x.y} form) and, except for secrets, the rejected value.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /** Creates an exception for {@code key}. */
  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** Creates an exception for {@code key} caused by {@code cause}. */
  public ConfigException(String key, String message, Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  /** Returns the property key that was wrong, e.g. {@code obs.telemetry.endpoint}. */
  public String key() {
    return key;
  }
}
