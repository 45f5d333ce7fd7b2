package dev.obskit.uptime.check;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A scripted user journey run in a headless browser (a transaction monitor): steps in order,
 * each timed; the first failing step fails the check (with a screenshot when the runner can take
 * one). Build in code with {@link JourneyStep}'s factories or read from YAML/JSON with {@code
 * Journeys.parse}. Immutable.
 *
 * @param name a short name for alerts, e.g. {@code "checkout"}
 * @param steps 1 to {@value #MAX_STEPS} steps; the first must be {@link JourneyStep.Action#OPEN}
 */
public record JourneySpec(String name, List<JourneyStep> steps) implements CheckSpec {
  /** Most steps in one journey. */
  public static final int MAX_STEPS = 100;

  /** Validates the components. */
  public JourneySpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("journey name must be 1 to 100 characters, got '"
          + name + "'");
    }
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("journey " + name + " must have 1 to " + MAX_STEPS
          + " steps, got " + steps.size());
    }
    if (steps.get(0).action() != JourneyStep.Action.OPEN) {
      throw new IllegalArgumentException("journey " + name + " must start with open, got "
          + steps.get(0).action().name().toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.TRANSACTION;
  }

  /** The host of the first URL opened. */
  @Override
  public String targetHost() {
    String host = URI.create(steps.get(0).target()).getHost();
    return host == null ? "browser" : host.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "journey " + name + " (" + steps.size() + " steps from " + steps.get(0).target() + ")";
  }
}
