package dev.obskit.telemetry.transform;

import dev.obskit.telemetry.TelemetryEvent;

/**
 * One step of the {@link TransformPipeline}, applied on the logging thread before the event is
 * encoded. Returns the (possibly edited) event, or {@code null} to drop it. Must be thread-safe and
 * fast: it runs inside every log call.
 */
@FunctionalInterface
public interface Transform {
  TelemetryEvent apply(TelemetryEvent event);
}
