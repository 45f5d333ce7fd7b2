package dev.obskit.uptime.config;

import java.util.List;

/**
 * A monitors file could not be loaded. {@link #problems()} lists every problem found, each
 * naming the monitor and the field ({@code monitors[2] 'db': field 'port': must be 1 to 65535,
 * got 70000}); nothing from the file is registered when any problem is found.
 */
public final class MonitorConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems, one line each. */
  private final transient List<String> problems;

  /** Creates the exception for {@code source} with its problems. */
  public MonitorConfigException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s): " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem found, one line each. */
  public List<String> problems() {
    return problems;
  }
}
