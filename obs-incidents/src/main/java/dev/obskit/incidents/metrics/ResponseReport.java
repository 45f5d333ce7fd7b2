package dev.obskit.incidents.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Response metrics of a team or service over {@code [from, to)}. Immutable.
 *
 * @param from start of the range (incidents created at or after it)
 * @param to end of the range (exclusive)
 * @param incidents incidents created in the range
 * @param timeToAcknowledge TTA distribution of those acknowledged (MTTA is its mean)
 * @param timeToResolve TTR distribution of those resolved (MTTR is its mean)
 * @param meanTimeBetweenFailures MTBF, empty with fewer than two resolved incidents
 * @param stillOpen incidents of the range not resolved yet
 */
public record ResponseReport(Instant from, Instant to, int incidents, ResponseStats timeToAcknowledge,
    ResponseStats timeToResolve, Optional<Duration> meanTimeBetweenFailures, int stillOpen) {

  /** Returns MTTA, the mean time to acknowledge. */
  public Duration mtta() {
    return timeToAcknowledge.mean();
  }

  /** Returns MTTR, the mean time to resolve. */
  public Duration mttr() {
    return timeToResolve.mean();
  }
}
