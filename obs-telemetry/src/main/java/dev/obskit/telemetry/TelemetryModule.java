package dev.obskit.telemetry;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.telemetry.encode.RecordReader;
import dev.obskit.telemetry.ship.BatchSender;
import dev.obskit.telemetry.ship.ShipListener;
import dev.obskit.telemetry.sink.SinkBatch;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry module of an {@code ObsKit}: starts a {@link Telemetry} pipeline, registers it so
 * logback/Log4j2 appenders configured with its name write into it, and reports shipped bytes as
 * usage ({@link Meters#LOG_BYTES}, {@link Meters#TRACE_BYTES}, and data points of metrics from
 * {@code DurableMetricExporter} as {@link Meters#METRIC_POINTS}) for the first sink, so bytes are
 * metered once however many sinks there are.
 *
 * <pre>{@code
 * ObsKit.builder().addModule(ctx -> TelemetryModule.create(ctx, config)).build().start();
 * }</pre>
 */
public final class TelemetryModule implements ObsModule {
  private static final Logger log = LoggerFactory.getLogger(TelemetryModule.class);

  private final ObsContext context;
  private final TelemetryConfig config;
  private volatile Telemetry telemetry;

  private TelemetryModule(ObsContext context, TelemetryConfig config) {
    this.context = context;
    this.config = config;
  }

  /** Creates the module with {@code config}. */
  public static TelemetryModule create(ObsContext context, TelemetryConfig config) {
    return new TelemetryModule(requireNonNull(context, "context"), requireNonNull(config, "config"));
  }

  /**
   * Creates the module from the context's {@code obs.telemetry.*} properties, its PII scrubber and
   * clock.
   *
   * @throws dev.obskit.core.config.ConfigException naming a malformed setting
   */
  public static TelemetryModule create(ObsContext context) {
    return create(context, TelemetryProperties.read(context.config(), context.scrubber(),
        context.clock()));
  }

  @Override
  public String name() {
    return "telemetry";
  }

  /**
   * Opens the buffer and starts the senders; unshipped records of a previous run ship now.
   *
   * @throws IllegalStateException naming the missing JVM flags when Chronicle cannot run
   */
  @Override
  public void start() {
    Telemetry t = Telemetry.start(config, usageReporter());
    try {
      TelemetryRegistry.register(t);
      context.register(Telemetry.class, t);
      context.routes().add(dev.obskit.telemetry.http.TailRoutes.group(t.tail(), context.config()));
    } catch (IllegalStateException e) {
      t.close(Duration.ofSeconds(1));
      throw e;
    }
    telemetry = t;
  }

  private ShipListener usageReporter() {
    String primary = config.sinks().get(0).getName();
    return (sink, batch, logBytes, spanBytes) -> {
      if (!sink.equals(primary)) {
        return;
      }
      report(batch, Meters.LOG_BYTES, logBytes, sink);
      report(batch, Meters.TRACE_BYTES, spanBytes, sink);
      report(batch, Meters.METRIC_POINTS, metricPoints(batch), sink);
    };
  }

  /** Sums the {@code points} field of the batch's metric records. */
  static long metricPoints(SinkBatch batch) {
    long points = 0;
    for (byte[] r : batch.records()) {
      if (BatchSender.hasPrefix(r, BatchSender.METRIC_PREFIX)) {
        try {
          Object n = RecordReader.parse(r).get("points");
          points += n instanceof Number ? ((Number) n).longValue() : 0;
        } catch (IllegalArgumentException e) {
          // an unreadable record is not metered
        }
      }
    }
    return points;
  }

  private void report(SinkBatch batch, String meter, long bytes, String sink) {
    if (bytes <= 0) {
      return;
    }
    try {
      context.usage().report(new UsageEvent(config.team(), meter, bytes, context.clock().instant(),
          "telemetry:" + meter + ":" + batch.batchId(), Map.of("sink", sink)));
    } catch (RuntimeException e) {
      log.warn("Cannot report telemetry usage: {}", e.toString());
    }
  }

  /** Returns the running pipeline. */
  public Telemetry telemetry() {
    Telemetry t = telemetry;
    if (t == null) {
      throw new IllegalStateException("the telemetry module has not been started");
    }
    return t;
  }

  /** Returns the pipeline's counters. */
  public TelemetryStats stats() {
    return telemetry().stats();
  }

  /** Flushes within {@code timeout}; what is not shipped stays buffered for the next start. */
  @Override
  public void shutdown(Duration timeout) {
    Telemetry t = telemetry;
    if (t != null) {
      t.close(timeout);
    }
  }
}
