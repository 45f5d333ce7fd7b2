package dev.obskit.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Exposes a pipeline's own health to Micrometer, tagged {@code pipeline=<name>}:
 * {@code obskit.telemetry.queued}, {@code .buffer.bytes}, {@code .send.latency.mean} and
 * {@code .send.latency.max} (seconds) as gauges; {@code .emitted}, {@code .shipped},
 * {@code .retried}, {@code .dropped}, {@code .dead.lettered}, {@code .filtered} as counters.
 * These are read from the pipeline's counters, not sent through it, so they stay correct when the
 * pipeline itself is failing. Micrometer is an optional dependency.
 */
public final class TelemetryMeterBinder implements MeterBinder {
  private static final String PREFIX = "obskit.telemetry.";
  private final Telemetry telemetry;

  /** Creates a binder for {@code telemetry}. */
  public TelemetryMeterBinder(Telemetry telemetry) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Tags tags = Tags.of("pipeline", telemetry.name());
    gauge(registry, tags, "queued", "records buffered but not yet shipped", s -> s.queued());
    gauge(registry, tags, "buffer.bytes", "bytes the buffer occupies", s -> s.bufferBytes());
    gauge(registry, tags, "send.latency.mean", "mean send latency in seconds",
        s -> s.meanSendNanos() / 1e9);
    gauge(registry, tags, "send.latency.max", "slowest send in seconds", s -> s.maxSendNanos() / 1e9);
    counter(registry, tags, "emitted", "events handed to the pipeline", s -> s.emitted());
    counter(registry, tags, "shipped", "records accepted by sinks", s -> s.shipped());
    counter(registry, tags, "retried", "send attempts retried", s -> s.retried());
    counter(registry, tags, "dropped", "records dropped by the overflow policy", s -> s.dropped());
    counter(registry, tags, "dead.lettered", "records rejected by a sink", s -> s.deadLettered());
    counter(registry, tags, "filtered", "events dropped by transforms", s -> s.filtered());
  }

  private void gauge(MeterRegistry r, Tags tags, String name, String help,
      ToDoubleFunction<TelemetryStats> f) {
    Gauge.builder(PREFIX + name, telemetry, t -> f.applyAsDouble(t.stats()))
        .description(help).tags(tags).register(r);
  }

  private void counter(MeterRegistry r, Tags tags, String name, String help,
      ToDoubleFunction<TelemetryStats> f) {
    FunctionCounter.builder(PREFIX + name, telemetry, t -> f.applyAsDouble(t.stats()))
        .description(help).tags(tags).register(r);
  }
}
