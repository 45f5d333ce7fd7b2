package dev.obskit.telemetry;

import java.util.List;

/**
 * Whether a pipeline delivers as configured.
 *
 * @param status {@link Status#OK} or {@link Status#DEGRADED}
 * @param reasons why it is degraded, one sentence each; empty when OK
 */
public record TelemetryHealth(Status status, List<String> reasons) {
  /** Pipeline health. */
  public enum Status {
    /** Everything accepted is buffered as configured and the senders are running. */
    OK,
    /** Records were dropped, the durable buffer is replaced by memory, or a sender stopped. */
    DEGRADED
  }

  /** Copies {@code reasons}. */
  public TelemetryHealth {
    java.util.Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
  }

  static TelemetryHealth of(List<String> reasons) {
    return new TelemetryHealth(reasons.isEmpty() ? Status.OK : Status.DEGRADED, reasons);
  }
}
