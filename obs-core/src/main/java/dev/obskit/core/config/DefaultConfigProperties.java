package dev.obskit.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Environment, then system properties, then overrides, merged once at creation. */
final class DefaultConfigProperties implements ConfigProperties {
  private static final int MAX_VALUE_LENGTH = 64 * 1024;
  private final Map<String, String> values;

  private DefaultConfigProperties(Map<String, String> values) {
    this.values = values;
  }

  static DefaultConfigProperties create(
      Map<String, String> env, Properties system, Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>();
    // Sorted, so that two variables naming the same key (OBS_A_B and obs_a_b) resolve the same way
    // on every start instead of by hash order.
    new TreeMap<>(env).forEach((k, v) -> merged.put(fromEnvName(k), v));
    for (String name : system.stringPropertyNames()) {
      merged.put(normalize(name), system.getProperty(name));
    }
    overrides.forEach((k, v) -> merged.put(normalize(k), v));
    return new DefaultConfigProperties(Collections.unmodifiableMap(merged));
  }

  static String fromEnvName(String envName) {
    return normalize(envName);
  }

  static String toEnvName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Returns {@code key} as a user would write the system property: kept if already dotted. */
  static String toPropertyName(String key) {
    return key.equals(key.toLowerCase(Locale.ROOT)) && key.indexOf('_') < 0 ? key : normalize(key);
  }

  private static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }

  @Override
  public String getString(String key) {
    String value = values.get(normalize(key));
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new ConfigException(key, "value is " + value.length() + " characters, longer than the "
          + MAX_VALUE_LENGTH + " accepted");
    }
    return value.trim();
  }

  @Override
  public Integer getInt(String key) {
    Long value = getLong(key);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ConfigException(key, "expected an int but got " + value + " (out of range)");
    }
    return value.intValue();
  }

  @Override
  public Long getLong(String key) {
    String value = getString(key);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a whole number but got '" + shown(value) + "'", e);
    }
  }

  @Override
  public Double getDouble(String key) {
    String value = getString(key);
    if (value == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(value);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a number but got '" + shown(value) + "'", e);
    }
  }

  @Override
  public Boolean getBoolean(String key) {
    String value = getString(key);
    if (value == null) {
      return null;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigException(key, "expected true or false but got '" + shown(value) + "'");
  }

  @Override
  public Duration getDuration(String key) {
    String value = getString(key);
    if (value == null) {
      return null;
    }
    try {
      Duration d = parseDuration(value);
      if (d.isNegative()) {
        throw new ConfigException(key, "must not be negative but got '" + shown(value) + "'");
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new ConfigException(key, "expected a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S but got '"
          + shown(value) + "'", e);
    }
  }

  static Duration parseDuration(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("p") || v.startsWith("-p")) {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    }
    int i = 0;
    while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '-')) {
      i++;
    }
    if (i == 0) {
      throw new NumberFormatException(value);
    }
    long amount = Long.parseLong(v.substring(0, i));
    String unit = v.substring(i).trim();
    switch (unit) {
      case "":
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        throw new NumberFormatException("unknown unit '" + unit + "'");
    }
  }

  @Override
  public Long getBytes(String key) {
    String value = getString(key);
    if (value == null) {
      return null;
    }
    try {
      long bytes = parseBytes(value);
      if (bytes < 0) {
        throw new ConfigException(key, "must not be negative but got '" + shown(value) + "'");
      }
      return bytes;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(key, "expected a size such as 512, 64KB, 10MB or 2GB but got '"
          + shown(value) + "'", e);
    }
  }

  static long parseBytes(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long multiplier = 1;
    String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"},
        {"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"TB", "1099511627776"},
        {"K", "1024"}, {"M", "1048576"}, {"G", "1073741824"}, {"B", "1"}};
    for (String[] unit : units) {
      if (v.endsWith(unit[0])) {
        multiplier = Long.parseLong(unit[1]);
        v = v.substring(0, v.length() - unit[0].length());
        break;
      }
    }
    return Math.multiplyExact(Long.parseLong(v), multiplier);
  }

  @Override
  public List<String> getList(String key) {
    String value = getString(key);
    if (value == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return List.copyOf(items);
  }

  @Override
  public Map<String, String> getMap(String key) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : getList(key)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(key, "expected key=value pairs separated by commas but got '"
            + shown(entry) + "'");
      }
      map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public Set<String> keysWithPrefix(String prefix) {
    String p = normalize(prefix);
    Set<String> keys = new TreeSet<>();
    for (String k : values.keySet()) {
      if (k.startsWith(p)) {
        keys.add(k);
      }
    }
    return Collections.unmodifiableSet(keys);
  }

  private static String shown(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "..." : value;
  }

  @Override
  public String toString() {
    // Values may be secrets; list keys only.
    return "ConfigProperties" + keysWithPrefix("obs.");
  }
}
