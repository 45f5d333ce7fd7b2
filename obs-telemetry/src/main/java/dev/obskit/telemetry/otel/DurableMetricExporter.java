package dev.obskit.telemetry.otel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.telemetry.Telemetry;
import dev.obskit.telemetry.encode.RecordEncoder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * An OpenTelemetry {@link MetricExporter} that writes metrics into a {@link Telemetry} pipeline's
 * durable buffer, one record per metric ({@code "kind":"metric"}) with its OTLP/JSON form
 * (resource, scope, and the metric: gauge, sum, histogram, exponential histogram or summary, with
 * every data point); the OTLP sink sends them to {@code /v1/metrics}. Under an ObsKit
 * {@code TelemetryModule}, shipped data points are metered as {@code Meters.METRIC_POINTS}.
 * Cumulative temporality (OTLP's default). Exemplars are not kept. Thread-safe.
 */
public final class DurableMetricExporter implements MetricExporter {
  private final Telemetry telemetry;
  private final BufferingExport export;

  private DurableMetricExporter(Telemetry telemetry) {
    this.telemetry = telemetry;
    this.export = new BufferingExport(telemetry);
  }

  /** Returns an exporter that buffers into {@code telemetry}. */
  public static DurableMetricExporter create(Telemetry telemetry) {
    return new DurableMetricExporter(requireNonNull(telemetry, "telemetry"));
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    return export.export(metrics, m -> {
      RecordEncoder.Encoded e = telemetry.encoder().encodeWith((g, enc) -> write(g, m));
      return telemetry.appendEncoded(e.array(), 0, e.length());
    });
  }

  static void write(JsonGenerator g, MetricData m) throws IOException {
    Collection<? extends PointData> points = m.getData().getPoints();
    long time = points.stream().mapToLong(PointData::getEpochNanos).max().orElse(0);
    g.writeStartObject();
    g.writeStringField("kind", "metric");
    g.writeStringField("dt", RecordEncoder.formatNanos(time));
    g.writeStringField("name", m.getName());
    g.writeStringField("type", m.getType().name());
    g.writeNumberField("points", points.size());
    g.writeObjectFieldStart("otlp");
    OtlpJsonWriter.resourceAndScope(g, m.getResource(), m.getInstrumentationScopeInfo());
    g.writeObjectFieldStart("metric");
    g.writeStringField("name", m.getName());
    g.writeStringField("description", m.getDescription());
    g.writeStringField("unit", m.getUnit());
    switch (m.getType()) {
      case LONG_GAUGE, DOUBLE_GAUGE -> {
        g.writeObjectFieldStart("gauge");
        numberPoints(g, points);
        g.writeEndObject();
      }
      case LONG_SUM, DOUBLE_SUM -> {
        SumData<?> sum = (SumData<?>) m.getData();
        g.writeObjectFieldStart("sum");
        numberPoints(g, points);
        g.writeNumberField("aggregationTemporality", temporality(sum.getAggregationTemporality()));
        g.writeBooleanField("isMonotonic", sum.isMonotonic());
        g.writeEndObject();
      }
      case HISTOGRAM -> {
        g.writeObjectFieldStart("histogram");
        histogramPoints(g, m.getHistogramData().getPoints());
        g.writeNumberField("aggregationTemporality",
            temporality(m.getHistogramData().getAggregationTemporality()));
        g.writeEndObject();
      }
      case EXPONENTIAL_HISTOGRAM -> {
        g.writeObjectFieldStart("exponentialHistogram");
        exponentialPoints(g, m.getExponentialHistogramData().getPoints());
        g.writeNumberField("aggregationTemporality",
            temporality(m.getExponentialHistogramData().getAggregationTemporality()));
        g.writeEndObject();
      }
      case SUMMARY -> {
        g.writeObjectFieldStart("summary");
        summaryPoints(g, m.getSummaryData().getPoints());
        g.writeEndObject();
      }
      default -> { }
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** OTLP's AggregationTemporality enum: DELTA = 1, CUMULATIVE = 2. */
  static int temporality(AggregationTemporality t) {
    return t == AggregationTemporality.DELTA ? 1 : 2;
  }

  private static void pointHead(JsonGenerator g, PointData p) throws IOException {
    OtlpJsonWriter.attributes(g, "attributes", p.getAttributes());
    g.writeStringField("startTimeUnixNano", Long.toString(p.getStartEpochNanos()));
    g.writeStringField("timeUnixNano", Long.toString(p.getEpochNanos()));
  }

  private static void numberPoints(JsonGenerator g, Collection<? extends PointData> points)
      throws IOException {
    g.writeArrayFieldStart("dataPoints");
    for (PointData p : points) {
      g.writeStartObject();
      pointHead(g, p);
      if (p instanceof LongPointData l) {
        g.writeStringField("asInt", Long.toString(l.getValue()));
      } else if (p instanceof DoublePointData d) {
        g.writeNumberField("asDouble", d.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void histogramPoints(JsonGenerator g, Collection<HistogramPointData> points)
      throws IOException {
    g.writeArrayFieldStart("dataPoints");
    for (HistogramPointData p : points) {
      g.writeStartObject();
      pointHead(g, p);
      g.writeStringField("count", Long.toString(p.getCount()));
      g.writeNumberField("sum", p.getSum());
      longs(g, "bucketCounts", p.getCounts());
      g.writeArrayFieldStart("explicitBounds");
      for (Double b : p.getBoundaries()) {
        g.writeNumber(b);
      }
      g.writeEndArray();
      if (p.hasMin()) {
        g.writeNumberField("min", p.getMin());
      }
      if (p.hasMax()) {
        g.writeNumberField("max", p.getMax());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void exponentialPoints(JsonGenerator g,
      Collection<ExponentialHistogramPointData> points) throws IOException {
    g.writeArrayFieldStart("dataPoints");
    for (ExponentialHistogramPointData p : points) {
      g.writeStartObject();
      pointHead(g, p);
      g.writeStringField("count", Long.toString(p.getCount()));
      g.writeNumberField("sum", p.getSum());
      g.writeNumberField("scale", p.getScale());
      g.writeStringField("zeroCount", Long.toString(p.getZeroCount()));
      buckets(g, "positive", p.getPositiveBuckets());
      buckets(g, "negative", p.getNegativeBuckets());
      if (p.hasMin()) {
        g.writeNumberField("min", p.getMin());
      }
      if (p.hasMax()) {
        g.writeNumberField("max", p.getMax());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void buckets(JsonGenerator g, String field, ExponentialHistogramBuckets b)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("offset", b.getOffset());
    longs(g, "bucketCounts", b.getBucketCounts());
    g.writeEndObject();
  }

  private static void summaryPoints(JsonGenerator g, Collection<SummaryPointData> points)
      throws IOException {
    g.writeArrayFieldStart("dataPoints");
    for (SummaryPointData p : points) {
      g.writeStartObject();
      pointHead(g, p);
      g.writeStringField("count", Long.toString(p.getCount()));
      g.writeNumberField("sum", p.getSum());
      g.writeArrayFieldStart("quantileValues");
      for (ValueAtQuantile q : p.getValues()) {
        g.writeStartObject();
        g.writeNumberField("quantile", q.getQuantile());
        g.writeNumberField("value", q.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** uint64/fixed64 values are decimal strings in OTLP/JSON. */
  private static void longs(JsonGenerator g, String field, List<Long> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (Long v : values) {
      g.writeString(Long.toString(v));
    }
    g.writeEndArray();
  }

  /** Returns metrics the buffer refused. */
  public long droppedMetrics() {
    return export.dropped();
  }

  @Override
  public CompletableResultCode flush() {
    return export.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return export.shutdown();
  }
}
