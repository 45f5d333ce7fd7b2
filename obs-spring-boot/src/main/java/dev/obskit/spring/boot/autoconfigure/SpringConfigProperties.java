package dev.obskit.spring.boot.autoconfigure;

import dev.obskit.core.config.ConfigProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Reads every {@code obs.*} key from Spring's {@link Environment} (application.yml, profiles,
 * environment variables, command line: whatever Spring resolved, with its relaxed names) into the
 * {@link ConfigProperties} view that every ObsKit module reads, so one key means the same thing
 * under Spring and without it. YAML lists ({@code obs.x[0]}, {@code obs.x[1]}) become the
 * comma-separated form that {@link ConfigProperties#getList} reads; maps
 * ({@code obs.x.a: 1}) stay dotted keys. The view is a snapshot taken when the kit is built.
 */
final class SpringConfigProperties {
  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("obs");

  private SpringConfigProperties() {}

  static ConfigProperties from(Environment environment) {
    return ConfigProperties.of(snapshot(environment));
  }

  /** Collects {@code obs.*} keys, strongest source first (Spring's own precedence). */
  static Map<String, String> snapshot(Environment environment) {
    Map<String, String> values = new TreeMap<>();
    Map<String, TreeMap<Integer, String>> lists = new TreeMap<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (!(source instanceof IterableConfigurationPropertySource iterable)) {
        continue;
      }
      Map<String, TreeMap<Integer, String>> sourceLists = new TreeMap<>();
      iterable.filter(ROOT::isAncestorOf).forEach(name -> {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property == null || property.getValue() == null) {
          return;
        }
        String value = environment.resolvePlaceholders(String.valueOf(property.getValue()));
        collect(name, value, values, sourceLists);
      });
      // As in Spring's binder, a list comes whole from the strongest source that has it.
      sourceLists.forEach(lists::putIfAbsent);
    }
    lists.forEach((key, items) -> values.putIfAbsent(key, String.join(",", items.values())));
    return values;
  }

  private static void collect(ConfigurationPropertyName name, String value,
      Map<String, String> values, Map<String, TreeMap<Integer, String>> lists) {
    if (name.isLastElementIndexed() && isNumber(name.getLastElement(ConfigurationPropertyName.Form.ORIGINAL))) {
      String key = name.getParent().toString();
      int index = Integer.parseInt(name.getLastElement(ConfigurationPropertyName.Form.ORIGINAL));
      lists.computeIfAbsent(key, k -> new TreeMap<>()).put(index, value);
      return;
    }
    values.putIfAbsent(name.toString(), value);
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 6) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** For tests: the keys seen. */
  static List<String> keys(Environment environment) {
    return new ArrayList<>(snapshot(environment).keySet());
  }
}
