package dev.obskit.uptime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
 * Typed, error-collecting access to one object of a monitors file. Every problem is recorded as
 * "{@code <where>: field '<name>': <message>}" and the getter returns empty, so one pass reports
 * every mistake instead of the first.
 */
final class Node {
  private final JsonNode node;
  private final String where;
  private final List<String> problems;
  private final Set<String> read = new HashSet<>();

  Node(JsonNode node, String where, List<String> problems) {
    this.node = node;
    this.where = where;
    this.problems = problems;
  }

  String where() {
    return where;
  }

  JsonNode rawNode() {
    return node;
  }

  /** Returns {@code field}'s raw value (marked as read), if present. */
  Optional<JsonNode> raw(String field) {
    read.add(field);
    return has(field) ? Optional.of(node.get(field)) : Optional.empty();
  }

  int problemCount() {
    return problems.size();
  }

  void problem(String field, String message) {
    problems.add(where + ": field '" + field + "': " + message);
  }

  boolean has(String field) {
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
      problem(field, "must be a single value, got " + v.getNodeType());
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  <T> Optional<T> parsed(String field, boolean required, Function<String, T> parser) {
    return text(field, required).flatMap(t -> {
      try {
        return Optional.ofNullable(parser.apply(t));
      } catch (RuntimeException e) {
        problem(field, e.getMessage());
        return Optional.empty();
      }
    });
  }

  Optional<Integer> integer(String field, boolean required) {
    return parsed(field, required, t -> {
      try {
        return Integer.valueOf(t.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a whole number, got '" + t + "'", e);
      }
    });
  }

  Optional<Boolean> bool(String field) {
    return parsed(field, false, t -> switch (t.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> Boolean.TRUE;
      case "false", "no", "off" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("must be true or false, got '" + t + "'");
    });
  }

  Optional<Duration> duration(String field) {
    return parsed(field, false, Durations::parse);
  }

  List<String> list(String field) {
    read.add(field);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isValueNode()) {
          problem(field, "entries must be single values");
          return List.of();
        }
        out.add(e.asText());
      }
    } else if (v.isValueNode()) {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    } else {
      problem(field, "must be a list");
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
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  List<Node> objects(String field) {
    read.add(field);
    JsonNode v = node.get(field);
    List<Node> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problem(field, "must be a list");
      return out;
    }
    int i = 0;
    for (JsonNode e : v) {
      String w = where + "." + field + "[" + i++ + "]";
      if (!e.isObject()) {
        problems.add(w + ": must be an object");
      } else {
        out.add(new Node(e, w, problems));
      }
    }
    return out;
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
