package dev.obskit.telemetry.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.obskit.telemetry.TestSupport;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

class ObsKitAppenderTest {
  @TempDir Path dir;

  private LoggerContext configure(String resource) throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.putProperty("OBSKIT_DIR", dir.toString());
    ctx.setMDCAdapter(MDC.getMDCAdapter()); // a context of our own shares slf4j's MDC
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(ctx);
    configurator.doConfigure(getClass().getResource(resource));
    return ctx;
  }

  @Test
  @SuppressWarnings("unchecked")
  void logbackXml_capturesEverythingOnCallingThread_andShipsToFileSink() throws Exception {
    LoggerContext ctx = configure("/obskit-logback.xml");
    ObsKitAppender appender = (ObsKitAppender) ctx.getLogger("ROOT").getAppender("OBSKIT");
    assertThat(appender.isStarted()).isTrue();
    Logger log = ctx.getLogger("app.Checkout");
    // The SDK only creates real spans when a processor is registered.
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();
    Span span = tracing.get("test").spanBuilder("checkout").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      MDC.put("requestId", "r-1");
      MDC.put("userId", "u-42");
      MDC.put("secretNotListed", "x");
      log.atWarn().addMarker(MarkerFactory.getMarker("AUDIT")).addKeyValue("orderId", 123)
          .addKeyValue("amount", 9.5).log("order {} failed", 123);
      MDC.clear(); // after the call: proves the MDC was captured on the calling thread
      log.error("payment failed", new IllegalStateException("card declined"));
    } finally {
      span.end();
      MDC.clear();
    }
    log.debug("outside span");
    ctx.stop(); // flushes within the shutdown timeout

    Path file = dir.resolve("logs").resolve("telemetry-00001.ndjson");
    List<Map<String, Object>> records = TestSupport.ndjson(Files.readAllBytes(file));
    assertThat(records).hasSize(3);
    Map<String, Object> first = records.get(0);
    assertThat(first.get("kind")).isEqualTo("log");
    assertThat(first.get("level")).isEqualTo("WARN");
    assertThat(first.get("severity")).isEqualTo(13L);
    assertThat(first.get("message")).isEqualTo("order 123 failed");
    assertThat(first.get("logger")).isEqualTo("app.Checkout");
    assertThat(first.get("thread")).isEqualTo(Thread.currentThread().getName());
    assertThat((List<Object>) first.get("markers")).containsExactly("AUDIT");
    assertThat((Map<String, Object>) first.get("attributes")).containsEntry("requestId", "r-1")
        .containsEntry("userId", "u-42").containsEntry("orderId", 123L)
        .containsEntry("amount", 9.5).containsEntry("env", "test")
        .doesNotContainKey("secretNotListed");
    assertThat(first.get("trace_id")).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(first.get("span_id")).isEqualTo(span.getSpanContext().getSpanId());
    assertThat((String) first.get("dt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    Map<String, Object> second = records.get(1);
    Map<String, Object> ex = (Map<String, Object>) second.get("exception");
    assertThat(ex.get("type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(ex.get("message")).isEqualTo("card declined");
    assertThat((String) ex.get("stacktrace")).contains("ObsKitAppenderTest");
    assertThat((Map<String, Object>) second.get("attributes")).doesNotContainKey("requestId");

    assertThat(records.get(2)).doesNotContainKey("trace_id");
    assertThat(records.get(2).get("level")).isEqualTo("DEBUG");
  }

  @Test
  void malformedSetting_appenderDoesNotStart_andLoggingStillWorks() throws Exception {
    LoggerContext ctx = new LoggerContext();
    ObsKitAppender appender = new ObsKitAppender();
    appender.setContext(ctx);
    appender.setName("bad");
    appender.setDir(dir.toString());
    appender.setSinks("betterstack"); // no token
    appender.start();
    assertThat(appender.isStarted()).isFalse();
    assertThat(ctx.getStatusManager().getCopyOfStatusList())
        .anySatisfy(s -> assertThat(s.getMessage()).contains("obs.telemetry.sink.betterstack.token"));
    ctx.getLogger("x").addAppender(appender);
    ctx.getLogger("x").info("does not throw");
    ctx.stop();
  }
}
