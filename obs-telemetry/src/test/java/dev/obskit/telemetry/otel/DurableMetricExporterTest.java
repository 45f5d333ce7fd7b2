package dev.obskit.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.TelemetryConfig;
import dev.obskit.telemetry.TelemetryModule;
import dev.obskit.telemetry.TestSupport;
import dev.obskit.telemetry.buffer.BufferConfig;
import dev.obskit.telemetry.encode.RecordReader;
import dev.obskit.telemetry.ship.ShipConfig;
import dev.obskit.telemetry.sink.OtlpHttpSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class DurableMetricExporterTest {
  @TempDir Path dir;

  /** Records what the SDK handed to the exporter, then passes it on. */
  private static MetricExporter recording(MetricExporter delegate, List<MetricData> into) {
    return new MetricExporter() {
      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType t) {
        return delegate.getAggregationTemporality(t);
      }

      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
        into.addAll(metrics);
        return delegate.export(metrics);
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }
    };
  }

  private static void record(SdkMeterProvider meters) {
    io.opentelemetry.api.metrics.Meter meter = meters.meterBuilder("io.example.shop")
        .setInstrumentationVersion("1.0").build();
    LongCounter orders = meter.counterBuilder("orders").setUnit("{order}")
        .setDescription("orders placed").build();
    orders.add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));
    orders.add(4, Attributes.of(AttributeKey.stringKey("region"), "us"));
    DoubleHistogram latency = meter.histogramBuilder("latency")
        .setUnit("ms").build();
    for (double v : new double[] {3, 7, 12, 80, 400}) {
      latency.record(v);
    }
  }

  @Test
  void metrics_arriveAsOtlpJson_valuesAsTheSdkProducedThem() throws Exception {
    List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    List<MetricData> produced = new ArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (request.getPath().endsWith("/v1/metrics")) {
            received.add(RecordReader.parse(TestSupport.body(request)));
          }
          return new MockResponse().setResponseCode(200).setBody("{}");
        }
      });
      server.start();
      Telemetry telemetry = Telemetry.start(TelemetryConfig.builder().setDirectory(dir)
          .setBuffer(BufferConfig.builder().setDirectory(dir.resolve("b")).setBlockSize(2 << 20)
              .setMinFreeDiskBytes(0).build())
          .setShip(ShipConfig.defaults(dir.resolve("dl")).withBatch(100, 1 << 20, Duration.ofSeconds(30)))
          .addSink(OtlpHttpSink.builder().setEndpoint(server.url("/").toString()).setGzip(false).build())
          .build());
      SdkMeterProvider meters = SdkMeterProvider.builder()
          .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop")))
          .registerMetricReader(PeriodicMetricReader.builder(
              recording(DurableMetricExporter.create(telemetry), produced))
              .setInterval(Duration.ofHours(1)).build())
          .build();
      record(meters);
      assertThat(meters.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(telemetry.flush(Duration.ofSeconds(10))).isTrue();
      meters.close();
      telemetry.close(Duration.ofSeconds(2));
    }
    // forceFlush's collection; closing the provider exports a final collection too
    assertThat(received).isNotEmpty();
    Map<String, Object> rm = ((List<Map<String, Object>>) received.get(0).get("resourceMetrics")).get(0);
    assertThat(rm.get("resource").toString()).contains("service.name").contains("shop");
    Map<String, Object> sm = ((List<Map<String, Object>>) rm.get("scopeMetrics")).get(0);
    assertThat(((Map<String, Object>) sm.get("scope"))).containsEntry("name", "io.example.shop")
        .containsEntry("version", "1.0");
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) sm.get("metrics");
    Map<String, Object> orders = metrics.stream().filter(m -> m.get("name").equals("orders"))
        .findFirst().orElseThrow();
    assertThat(orders).containsEntry("unit", "{order}").containsEntry("description", "orders placed");
    Map<String, Object> sum = (Map<String, Object>) orders.get("sum");
    assertThat(sum).containsEntry("isMonotonic", true).containsEntry("aggregationTemporality", 2L);
    MetricData sdkOrders = produced.stream().filter(m -> m.getName().equals("orders")).findFirst()
        .orElseThrow();
    List<Map<String, Object>> points = (List<Map<String, Object>>) sum.get("dataPoints");
    assertThat(points).hasSize(2);
    List<String> sdkValues = new ArrayList<>();
    for (LongPointData p : sdkOrders.getLongSumData().getPoints()) {
      sdkValues.add(p.getAttributes().get(AttributeKey.stringKey("region")) + "=" + p.getValue());
    }
    List<String> sentValues = new ArrayList<>();
    for (Map<String, Object> p : points) {
      Map<String, Object> attr = ((List<Map<String, Object>>) p.get("attributes")).get(0);
      sentValues.add(((Map<String, Object>) attr.get("value")).get("stringValue") + "=" + p.get("asInt"));
    }
    assertThat(sentValues).containsExactlyInAnyOrderElementsOf(sdkValues)
        .containsExactlyInAnyOrder("eu=3", "us=4");

    Map<String, Object> latency = metrics.stream().filter(m -> m.get("name").equals("latency"))
        .findFirst().orElseThrow();
    Map<String, Object> hist = ((List<Map<String, Object>>) ((Map<String, Object>) latency.get("histogram"))
        .get("dataPoints")).get(0);
    HistogramPointData sdkHist = produced.stream().filter(m -> m.getName().equals("latency"))
        .findFirst().orElseThrow().getHistogramData().getPoints().iterator().next();
    assertThat(hist.get("count")).isEqualTo("5");
    assertThat(hist.get("sum")).isEqualTo(502.0);
    assertThat(hist.get("min")).isEqualTo(3.0);
    assertThat(hist.get("max")).isEqualTo(400.0);
    assertThat(hist.get("bucketCounts")).isEqualTo(sdkHist.getCounts().stream().map(String::valueOf).toList());
    assertThat((List<Object>) hist.get("explicitBounds")).hasSize(sdkHist.getBoundaries().size());
  }

  @Test
  void module_metersShippedMetricPoints() throws Exception {
    ConfigProperties config = ConfigProperties.of(Map.of(
        "obs.telemetry.dir", dir.toString(), "obs.telemetry.team", "team-m",
        "obs.telemetry.buffer.min-free-disk", "0", "obs.telemetry.buffer.block-size", "2MB"));
    List<UsageEvent> usage = new CopyOnWriteArrayList<>();
    try (ObsKit kit = ObsKit.builder().setConfig(config).addModule(TelemetryModule::create).build()) {
      kit.context().eventBus().subscribe(UsageEvent.class, usage::add);
      kit.start();
      Telemetry t = kit.module(TelemetryModule.class).telemetry();
      SdkMeterProvider meters = SdkMeterProvider.builder()
          .registerMetricReader(PeriodicMetricReader.builder(DurableMetricExporter.create(t))
              .setInterval(Duration.ofHours(1)).build()).build();
      record(meters);
      meters.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(t.flush(Duration.ofSeconds(10))).isTrue();
      meters.close();
    }
    // 2 counter points (eu, us) + 1 histogram point per collection (forceFlush, then close)
    assertThat(usage).filteredOn(u -> u.meter().equals(Meters.METRIC_POINTS))
        .extracting(UsageEvent::quantity).startsWith(3L);
    assertThat(usage).filteredOn(u -> u.meter().equals(Meters.LOG_BYTES)).isEmpty();
  }
}
