package dev.obskit.incidents.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, error-collecting access to one object of a configuration file. A problem is recorded as
 * {@code <file>: <path>.<field>: <message>} (the message names the bad value) and the getter
 * returns empty, so one pass reports every mistake. Not thread-safe; one per parse.
 */
final class ConfigNode {
  /** Longest value quoted back in an error message. */
  private static final int MAX_QUOTED = 80;

  private final JsonNode node;
  private final String file;
  private final String path;
  private final List<String> problems;
  private final Set<String> read = new HashSet<>();

  ConfigNode(JsonNode node, String file, String path, List<String> problems) {
    this.node = node;
    this.file = file;
    this.path = path;
    this.problems = problems;
  }

  String path() {
    return path;
  }

  int problemCount() {
    return problems.size();
  }

  private String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  void problem(String field, String message) {
    problems.add(file + ": " + (field == null ? path : at(field)) + ": " + message);
  }

  static String quote(String value) {
    String v = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    return "'" + v.replace("\n", "\\n") + "'";
  }

  boolean has(String field) {
    read.add(field);
    return node.has(field) && !node.get(field).isNull();
  }

  Optional<String> text(String field, boolean required) {
    read.add(field);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(field, "is required");
      }
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      problem(field, "must be a single value, got a " + v.getNodeType().name().toLowerCase());
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  <T> Optional<T> parsed(String field, boolean required, Function<String, T> parser) {
    return text(field, required).flatMap(t -> parse(field, t, parser));
  }

  <T> Optional<T> parse(String field, String text, Function<String, T> parser) {
    try {
      return Optional.ofNullable(parser.apply(text));
    } catch (RuntimeException e) {
      problem(field, e.getMessage() + ", got " + quote(text));
      return Optional.empty();
    }
  }

  Optional<Integer> integer(String field, boolean required) {
    return parsed(field, required, t -> {
      try {
        return Integer.valueOf(t.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a whole number", e);
      }
    });
  }

  Optional<Boolean> bool(String field) {
    return parsed(field, false, t -> switch (t.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("must be true or false");
    });
  }

  /** A list of single values, each parsed; a bad entry is reported with its index. */
  <T> List<T> list(String field, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    JsonNode v = array(field, "must be a list");
    if (v == null) {
      return out;
    }
    int i = 0;
    for (JsonNode e : v) {
      String entry = field + "[" + i++ + "]";
      if (!e.isValueNode()) {
        problem(entry, "must be a single value");
        continue;
      }
      parse(entry, e.asText(), parser).ifPresent(out::add);
    }
    return out;
  }

  Map<String, String> map(String field) {
    read.add(field);
    JsonNode v = node.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      problem(field, "must be a map of name: value");
      return out;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isValueNode()) {
        problem(field + "." + e.getKey(), "must be a single value");
      } else {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  Optional<ConfigNode> object(String field, boolean required) {
    read.add(field);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(field, "is required");
      }
      return Optional.empty();
    }
    if (!v.isObject()) {
      problem(field, "must be an object");
      return Optional.empty();
    }
    return Optional.of(new ConfigNode(v, file, at(field), problems));
  }

  List<ConfigNode> objects(String field) {
    List<ConfigNode> out = new ArrayList<>();
    JsonNode v = array(field, "must be a list");
    if (v == null) {
      return out;
    }
    int i = 0;
    for (JsonNode e : v) {
      String p = at(field) + "[" + i++ + "]";
      if (!e.isObject()) {
        problems.add(file + ": " + p + ": must be an object");
      } else {
        out.add(new ConfigNode(e, file, p, problems));
      }
    }
    return out;
  }

  /** A list of lists of single values (rotation groups). */
  List<List<String>> lists(String field) {
    List<List<String>> out = new ArrayList<>();
    JsonNode v = array(field, "must be a list of lists");
    if (v == null) {
      return out;
    }
    int i = 0;
    for (JsonNode group : v) {
      String entry = field + "[" + i++ + "]";
      if (!group.isArray()) {
        problem(entry, "must be a list");
        continue;
      }
      List<String> users = new ArrayList<>();
      group.forEach(u -> users.add(u.asText()));
      out.add(users);
    }
    return out;
  }

  /** The array at {@code field}, or null when absent (or not an array: reported). */
  private JsonNode array(String field, String notAnArray) {
    read.add(field);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      problem(field, notAnArray);
      return null;
    }
    return v;
  }

  /** Reports fields present in the file that nothing read (usually typos). */
  void rejectUnknown() {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!read.contains(n)) {
        problem(n, "unknown field");
      }
    }
  }
}
