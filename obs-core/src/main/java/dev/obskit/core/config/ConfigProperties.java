package dev.obskit.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only, typed view over configuration properties for hosts that do not use Spring.
 *
 * <p>Keys are lowercase and dotted ({@code obs.telemetry.endpoint}). The default view
 * ({@link #fromEnvironment()}) merges, from weakest to strongest: environment variables, whose
 * names are normalised ({@code OBS_TELEMETRY_ENDPOINT} becomes {@code obs.telemetry.endpoint}),
 * then JVM system properties, then explicit overrides. Typed getters throw {@link ConfigException}
 * naming the key and the bad value; they never return a silently defaulted value for a malformed
 * one. Immutable and thread-safe.
 */
public interface ConfigProperties {

  /** Returns the raw value, or {@code null} when absent or blank. */
  String getString(String key);

  /** Returns the raw value, or {@code defaultValue} when absent. */
  default String getString(String key, String defaultValue) {
    String value = getString(key);
    return value == null ? defaultValue : value;
  }

  /** Returns the value as an int, or {@code null} when absent. */
  Integer getInt(String key);

  /** Returns the value as an int, or {@code defaultValue} when absent. */
  default int getInt(String key, int defaultValue) {
    Integer value = getInt(key);
    return value == null ? defaultValue : value;
  }

  /** Returns the value as a long, or {@code null} when absent. */
  Long getLong(String key);

  /** Returns the value as a long, or {@code defaultValue} when absent. */
  default long getLong(String key, long defaultValue) {
    Long value = getLong(key);
    return value == null ? defaultValue : value;
  }

  /** Returns the value as a double, or {@code null} when absent. */
  Double getDouble(String key);

  /** Returns {@code true}/{@code false} (case-insensitive), or {@code null} when absent. */
  Boolean getBoolean(String key);

  /** Returns the value as a boolean, or {@code defaultValue} when absent. */
  default boolean getBoolean(String key, boolean defaultValue) {
    Boolean value = getBoolean(key);
    return value == null ? defaultValue : value;
  }

  /**
   * Returns a duration written as a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
   * {@code 2h}, {@code 7d}) or in ISO-8601 ({@code PT30S}); a bare number means milliseconds.
   */
  Duration getDuration(String key);

  /** Returns the duration, or {@code defaultValue} when absent. */
  default Duration getDuration(String key, Duration defaultValue) {
    Duration value = getDuration(key);
    return value == null ? defaultValue : value;
  }

  /** Returns a size in bytes written as {@code 512}, {@code 64KB}, {@code 10MB}, {@code 2GB}. */
  Long getBytes(String key);

  /** Returns a comma-separated list with blanks removed; empty when absent. */
  List<String> getList(String key);

  /** Returns {@code k1=v1,k2=v2} as a map; empty when absent. */
  Map<String, String> getMap(String key);

  /** Returns every key that starts with {@code prefix}. */
  Set<String> keysWithPrefix(String prefix);

  /** Returns the value, or throws {@link ConfigException} saying it is required. */
  default String require(String key) {
    String value = getString(key);
    if (value == null) {
      throw new ConfigException(key, "is required but not set (environment variable "
          + DefaultConfigProperties.toEnvName(key) + " or system property "
          + DefaultConfigProperties.toPropertyName(key) + ")");
    }
    return value;
  }

  /** Returns the view over environment variables and system properties. */
  static ConfigProperties fromEnvironment() {
    return DefaultConfigProperties.create(System.getenv(), System.getProperties(), Map.of());
  }

  /** Returns the view over environment variables, system properties and {@code overrides}. */
  static ConfigProperties fromEnvironment(Map<String, String> overrides) {
    return DefaultConfigProperties.create(System.getenv(), System.getProperties(), overrides);
  }

  /** Returns a view over {@code properties} alone, for tests and programmatic configuration. */
  static ConfigProperties of(Map<String, String> properties) {
    return DefaultConfigProperties.create(Map.of(), new java.util.Properties(), properties);
  }
}
