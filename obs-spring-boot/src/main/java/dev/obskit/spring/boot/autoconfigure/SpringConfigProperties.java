package dev.obskit.spring.boot.autoconfigure;

import dev.obskit.core.config.ConfigProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The {@link ConfigProperties} view every ObsKit module reads, over Spring's {@link Environment}:
 * one key means the same thing under Spring and without it, and Spring's rules apply — relaxed
 * names ({@code publicKeys}, {@code public-keys} and {@code OBS_ERRORS_PUBLICKEYS} are one key),
 * source precedence (command line over environment over application.yml), placeholders, and YAML
 * lists ({@code key[0]}, {@code key[1]}, taken whole from the strongest source that has them),
 * which become the comma-separated form {@link ConfigProperties#getList} reads. Values are parsed
 * by the core's own rules, so a malformed value fails with the same message as without Spring.
 * Extra defaults (e.g. paths under {@code obs.data-dir}) apply only where no source sets the key.
 * Thread-safe; reads the environment on each call (modules read at creation).
 */
final class SpringConfigProperties implements ConfigProperties {
  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("obs");
  private static final int MAX_LIST = 1000;
  private final Environment environment;
  private final Map<String, String> defaults;

  private SpringConfigProperties(Environment environment, Map<String, String> defaults) {
    this.environment = environment;
    this.defaults = Map.copyOf(defaults);
  }

  static ConfigProperties from(Environment environment) {
    return new SpringConfigProperties(environment, Map.of());
  }

  static ConfigProperties from(Environment environment, Map<String, String> defaults) {
    return new SpringConfigProperties(environment, defaults);
  }

  @Override
  public String getString(String key) {
    if (!key.startsWith("obs.")) {
      return null; // ObsKit reads only its own keys, never the host's.
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      String value = scalar(source, name);
      if (value == null) {
        value = list(source, name);
      }
      if (value != null) {
        return value.isBlank() ? null : value;
      }
    }
    return defaults.get(key);
  }

  private String scalar(ConfigurationPropertySource source, ConfigurationPropertyName name) {
    ConfigurationProperty property = source.getConfigurationProperty(name);
    if (property == null || property.getValue() == null) {
      return null;
    }
    return environment.resolvePlaceholders(String.valueOf(property.getValue()));
  }

  private String list(ConfigurationPropertySource source, ConfigurationPropertyName name) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < MAX_LIST; i++) {
      String item = scalar(source, name.append("[" + i + "]"));
      if (item == null) {
        break;
      }
      items.add(item);
    }
    return items.isEmpty() ? null : String.join(",", items);
  }

  /** Parses one raw value by the core's rules, so errors read the same with or without Spring. */
  private ConfigProperties one(String key) {
    String raw = getString(key);
    return ConfigProperties.of(raw == null ? Map.of() : Map.of(key, raw));
  }

  @Override
  public Integer getInt(String key) {
    return one(key).getInt(key);
  }

  @Override
  public Long getLong(String key) {
    return one(key).getLong(key);
  }

  @Override
  public Double getDouble(String key) {
    return one(key).getDouble(key);
  }

  @Override
  public Boolean getBoolean(String key) {
    return one(key).getBoolean(key);
  }

  @Override
  public Duration getDuration(String key) {
    return one(key).getDuration(key);
  }

  @Override
  public Long getBytes(String key) {
    return one(key).getBytes(key);
  }

  @Override
  public List<String> getList(String key) {
    return one(key).getList(key);
  }

  @Override
  public Map<String, String> getMap(String key) {
    Map<String, String> map = new LinkedHashMap<>(one(key).getMap(key));
    // The YAML form: key.name: value.
    for (String k : keysWithPrefix(key + ".")) {
      String entry = k.substring(key.length() + 1);
      if (!entry.contains(".") && !entry.contains("[")) {
        map.putIfAbsent(entry, getString(k));
      }
    }
    return map;
  }

  @Override
  public Set<String> keysWithPrefix(String prefix) {
    Set<String> keys = new TreeSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source instanceof IterableConfigurationPropertySource iterable) {
        iterable.filter(ROOT::isAncestorOf).forEach(n -> {
          String key = dashed(n);
          if (key.startsWith(prefix)) {
            keys.add(key);
          }
        });
      }
    }
    defaults.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
    return keys;
  }

  /** {@code obs.errors.publicKeys} becomes {@code obs.errors.public-keys}. */
  static String dashed(ConfigurationPropertyName name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.getNumberOfElements(); i++) {
      String element = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
      if (name.isNumericIndex(i)) {
        sb.append('[').append(element).append(']');
        continue;
      }
      if (i > 0) {
        sb.append('.');
      }
      for (int j = 0; j < element.length(); j++) {
        char c = element.charAt(j);
        if (Character.isUpperCase(c)) {
          sb.append(j > 0 ? "-" : "").append(Character.toLowerCase(c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
