package dev.obskit.uptime.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one observation changed, for the engine to apply: transitions to publish, time to book,
 * and whether to trigger or resolve the monitor's alert. Immutable.
 *
 * @param transitions state changes (zero or one per observation)
 * @param segments time to book for availability
 * @param trigger whether the monitor just went DOWN (trigger the alert)
 * @param resolve whether the monitor just recovered (resolve the alert)
 * @param outage the outage that just ended, when {@code resolve}
 * @param outageStart when the outage that was just confirmed began, when {@code trigger}
 */
public record Step(List<StateTransition> transitions, List<Segment> segments, boolean trigger,
    boolean resolve, Optional<Outage> outage, Optional<Instant> outageStart) {
  /** Nothing happened. */
  public static final Step NONE = new Step(List.of(), List.of(), false, false, Optional.empty(),
      Optional.empty());

  /** Copies the lists. */
  public Step {
    transitions = List.copyOf(transitions);
    segments = List.copyOf(segments);
  }

  /**
   * A confirmed outage, from the first failed check to the first check of the successful
   * recovery run.
   *
   * @param start first failure
   * @param end first success of the recovery that resolved it
   */
  public record Outage(Instant start, Instant end) {}
}
