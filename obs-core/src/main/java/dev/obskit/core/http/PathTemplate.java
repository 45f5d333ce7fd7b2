package dev.obskit.core.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed path template such as {@code /api/{project}/envelope/}: literal segments and
 * {@code {name}} variables that match exactly one non-empty segment. A trailing slash is ignored
 * when matching. Immutable.
 */
final class PathTemplate implements Comparable<PathTemplate> {
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");
  private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z][A-Za-z0-9_]*}");

  private final String template;
  private final String[] literals;
  private final String[] variables;

  private PathTemplate(String template, String[] literals, String[] variables) {
    this.template = template;
    this.literals = literals;
    this.variables = variables;
  }

  static PathTemplate parse(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/', got " + template);
    }
    List<String> segments = segments(template);
    String[] literals = new String[segments.size()];
    String[] variables = new String[segments.size()];
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      if (VARIABLE.matcher(s).matches()) {
        variables[i] = s.substring(1, s.length() - 1);
        if (seen.contains(variables[i])) {
          throw new IllegalArgumentException("path template repeats {" + variables[i] + "}: " + template);
        }
        seen.add(variables[i]);
      } else if (LITERAL.matcher(s).matches() && !s.equals(".") && !s.equals("..")) {
        literals[i] = s;
      } else {
        throw new IllegalArgumentException("bad segment '" + s + "' in path template " + template);
      }
    }
    return new PathTemplate(template, literals, variables);
  }

  /** Splits {@code path} on '/', dropping the leading and one trailing empty segment. */
  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    int start = 1;
    int n = path.length();
    if (n > 1 && path.charAt(n - 1) == '/') {
      n--;
    }
    if (n <= 1) {
      return out;
    }
    for (int i = 1; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        out.add(path.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  /** Returns the variables if the decoded {@code segments} match, otherwise null. */
  Map<String, String> match(List<String> segments) {
    if (segments.size() != literals.length) {
      return null;
    }
    for (int i = 0; i < literals.length; i++) {
      String s = segments.get(i);
      if (literals[i] != null ? !literals[i].equals(s) : s.isEmpty()) {
        return null;
      }
    }
    if (variables.length == 0) {
      return Map.of();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < variables.length; i++) {
      if (variables[i] != null) {
        vars.put(variables[i], segments.get(i));
      }
    }
    return vars;
  }

  /** Whether both templates match the same paths (same shape, same literals). */
  boolean sameShape(PathTemplate other) {
    if (other.literals.length != literals.length) {
      return false;
    }
    for (int i = 0; i < literals.length; i++) {
      if (!java.util.Objects.equals(literals[i], other.literals[i])) {
        return false;
      }
    }
    return true;
  }

  /** More specific first: at the first differing position a literal beats a variable. */
  @Override
  public int compareTo(PathTemplate o) {
    int n = Math.min(literals.length, o.literals.length);
    for (int i = 0; i < n; i++) {
      boolean a = literals[i] != null;
      boolean b = o.literals[i] != null;
      if (a != b) {
        return a ? -1 : 1;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return template;
  }
}
