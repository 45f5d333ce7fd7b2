package dev.obskit.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.telemetry.BufferType;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryEvent;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.ship.ShipConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryMeterBinderTest {
  @TempDir Path dir;

  @Test
  void binder_exposesShippedAndDroppedCounts() {
    TelemetryConfig config = TelemetryConfig.builder().setName("metrics-test").setDirectory(dir)
        .setBufferType(BufferType.MEMORY)
        .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("b")).setMaxBytes(2_000).build())
        .setShip(ShipConfig.defaults(dir.resolve("dl")).withBatch(10, 1 << 20, Duration.ofMillis(5)))
        .build();
    try (Telemetry t = Telemetry.start(config)) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new TelemetryMeterBinder(t).bindTo(registry);
      for (int i = 0; i < 100; i++) {
        t.emit(TelemetryEvent.of(0, Severity.INFO, "m", "x".repeat(100)));
      }
      long dropped = t.stats().dropped();
      assertThat(dropped).isPositive();
      t.flush(Duration.ofSeconds(10));
      assertThat(registry.get("obskit.telemetry.dropped").tag("pipeline", "metrics-test")
          .functionCounter().count()).isEqualTo(dropped);
      assertThat(registry.get("obskit.telemetry.shipped").functionCounter().count())
          .isEqualTo(100 - dropped);
      assertThat(registry.get("obskit.telemetry.emitted").functionCounter().count()).isEqualTo(100);
      assertThat(registry.get("obskit.telemetry.queued").gauge().value()).isZero();
    }
  }
}
