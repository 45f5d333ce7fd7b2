package dev.obskit.incidents.config;

import java.util.List;

/**
 * An incidents configuration file could not be loaded. {@link #problems()} lists every problem
 * found, each naming the file, the path inside it and the bad value, e.g.
 * {@code oncall.yaml: schedules[0].layers[1].rotation.frequency: must be one of HOURLY, DAILY,
 * WEEKLY, MONTHLY, got 'fortnightly'}. Nothing from the file is applied when any is found.
 */
public final class IncidentsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems, one line each. */
  private final transient List<String> problems;

  /** Most problems spelled out in the message; {@link #problems()} has them all. */
  static final int MAX_IN_MESSAGE = 20;

  /** Creates the exception with every problem found. */
  public IncidentsConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<String> problems) {
    String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_IN_MESSAGE)));
    return problems.size() + " problem(s): " + shown + (problems.size() > MAX_IN_MESSAGE
        ? "; ... and " + (problems.size() - MAX_IN_MESSAGE) + " more" : "");
  }

  /** Returns every problem found, one line each: {@code file: path: message}. */
  public List<String> problems() {
    return problems;
  }
}
