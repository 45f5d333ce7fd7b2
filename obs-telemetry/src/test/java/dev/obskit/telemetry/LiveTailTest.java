package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTailTest {
  @TempDir Path dir;
  private Telemetry telemetry;

  @AfterEach
  void close() {
    if (telemetry != null) {
      telemetry.close(Duration.ofSeconds(2));
    }
  }

  private Telemetry start() {
    telemetry = Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
        .setBufferType(BufferType.MEMORY).build());
    return telemetry;
  }

  private static TelemetryEvent event(Severity level, String logger, String message) {
    return TelemetryEvent.of(1_700_000_000_000_000_000L, level, logger, message);
  }

  @Test
  void subscribe_filtersByLevelLoggerAndText_deliversMatchingLinesWithShippedJson()
      throws Exception {
    Telemetry t = start();
    TailSubscription s = t.tail().subscribe(new TailFilter(Severity.WARN, "app.orders", "PAID"));
    t.emit(event(Severity.INFO, "app.orders.Api", "order 1 paid"));   // level too low
    t.emit(event(Severity.WARN, "app.billing.Api", "order 2 paid"));  // other logger
    t.emit(event(Severity.ERROR, "app.orders.Api", "order 3 failed")); // text missing
    t.emit(event(Severity.ERROR, "app.orders.Api", "order 4 Paid twice"));
    t.emit(event(Severity.WARN, "app.orders", "paid: order 5"));

    TailLine first = s.poll(Duration.ofSeconds(1));
    TailLine second = s.poll(Duration.ofSeconds(1));
    assertThat(first.message()).isEqualTo("order 4 Paid twice");
    assertThat(first.severity()).isEqualTo(Severity.ERROR);
    assertThat(first.json()).startsWith("{\"kind\":\"log\"").contains("\"order 4 Paid twice\"");
    assertThat(second.message()).isEqualTo("paid: order 5");
    assertThat(s.drain(10)).isEmpty();
  }

  @Test
  void offer_whenSubscriberQueueFull_endsSubscriptionAsTooSlow_hostNeverWaits() {
    Telemetry t = start();
    TailSubscription slow = t.tail().subscribe(TailFilter.ALL, 3);
    TailSubscription fast = t.tail().subscribe(TailFilter.ALL, 100);
    for (int i = 0; i < 5; i++) {
      assertThat(t.emit(event(Severity.INFO, "app", "line " + i))).isTrue();
    }
    assertThat(slow.endReason()).isEqualTo(TailSubscription.EndReason.TOO_SLOW);
    assertThat(slow.drain(10)).extracting(TailLine::message)
        .containsExactly("line 0", "line 1", "line 2");
    assertThat(fast.isOpen()).isTrue();
    assertThat(fast.drain(10)).hasSize(5);
    assertThat(t.tail().subscriberCount()).isEqualTo(1);
    assertThat(t.tail().slowSubscribersDropped()).isEqualTo(1);
  }

  @Test
  void tail_seesEventsAfterTransforms_soScrubbedTextOnly() throws Exception {
    telemetry = Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
        .setBufferType(BufferType.MEMORY)
        .setTransforms(dev.obskit.telemetry.transform.TransformPipeline.builder()
            .add(dev.obskit.telemetry.transform.Transforms.minLevel(Severity.INFO)).build())
        .build());
    TailSubscription s = telemetry.tail().subscribe(TailFilter.ALL);
    telemetry.emit(event(Severity.DEBUG, "app", "filtered out"));
    telemetry.emit(event(Severity.INFO, "app", "kept"));
    assertThat(s.poll(Duration.ofSeconds(1)).message()).isEqualTo("kept");
    assertThat(s.poll(Duration.ZERO)).isNull();
  }

  @Test
  void close_pipeline_endsSubscriptions_andRefusesNewOnes() throws Exception {
    Telemetry t = start();
    TailSubscription s = t.tail().subscribe(TailFilter.ALL);
    t.close(Duration.ofSeconds(1));
    assertThat(s.endReason()).isEqualTo(TailSubscription.EndReason.PIPELINE_CLOSED);
    assertThat(s.poll(Duration.ofSeconds(5))).isNull();
    assertThatThrownBy(() -> t.tail().subscribe(TailFilter.ALL))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void subscribe_hostileArguments_areRefusedWithNamedValue() {
    Telemetry t = start();
    assertThatThrownBy(() -> t.tail().subscribe(TailFilter.ALL, 0))
        .hasMessageContaining("capacity").hasMessageContaining("0");
    assertThatThrownBy(() -> t.tail().subscribe(TailFilter.ALL, LiveTail.MAX_CAPACITY + 1))
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> new TailFilter(Severity.INFO, "", "x".repeat(10_000)))
        .hasMessageContaining("text");
    assertThatThrownBy(() -> new TailFilter(null, "", "")).hasMessage("minLevel");
    for (int i = 0; i < LiveTail.MAX_SUBSCRIBERS; i++) {
      t.tail().subscribe(TailFilter.ALL, 1);
    }
    assertThatThrownBy(() -> t.tail().subscribe(TailFilter.ALL, 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("32");
  }

  @Test
  void close_subscription_removesItAndIsIdempotent() {
    Telemetry t = start();
    TailSubscription s = t.tail().subscribe(TailFilter.ALL);
    s.close();
    s.close();
    t.emit(event(Severity.INFO, "app", "after close"));
    assertThat(s.endReason()).isEqualTo(TailSubscription.EndReason.CLOSED);
    assertThat(s.drain(10)).isEmpty();
    assertThat(t.tail().subscriberCount()).isZero();
    assertThat(t.tail().slowSubscribersDropped()).isZero();
  }
}
