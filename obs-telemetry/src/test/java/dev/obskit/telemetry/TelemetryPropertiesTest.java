package dev.obskit.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.buffer.OverflowPolicy;
import dev.obskit.telemetry.sink.BetterStackSink;
import dev.obskit.telemetry.sink.ClickHouseSink;
import dev.obskit.telemetry.sink.FileSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryPropertiesTest {
  private static TelemetryConfig read(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return TelemetryProperties.read(ConfigProperties.of(m), PiiScrubber.defaults());
  }

  @Test
  void defaults_durableBufferAndFileSink() {
    TelemetryConfig c = read();
    assertThat(c.bufferType()).isEqualTo(BufferType.CHRONICLE);
    assertThat(c.sinks()).singleElement().isInstanceOf(FileSink.class);
    assertThat(c.buffer().overflowPolicy()).isEqualTo(OverflowPolicy.DROP_NEWEST);
    assertThat(c.buffer().shards()).isEqualTo(4);
  }

  @Test
  void shards_isRead() {
    assertThat(read("obs.telemetry.buffer.shards", "8").buffer().shards()).isEqualTo(8);
    assertThat(read("obs.telemetry.buffer.shards", "1").buffer().shards()).isEqualTo(1);
  }

  @Test
  void fullConfiguration_isRead() {
    TelemetryConfig c = read("obs.telemetry.sinks", "betterstack,clickhouse,file",
        "obs.telemetry.sink.betterstack.token", "t0k",
        "obs.telemetry.sink.clickhouse.url", "http://ch:8123",
        "obs.telemetry.buffer.type", "memory",
        "obs.telemetry.buffer.max-bytes", "64MB",
        "obs.telemetry.buffer.overflow", "block-with-timeout",
        "obs.telemetry.buffer.block-timeout", "50ms",
        "obs.telemetry.batch.max-records", "250",
        "obs.telemetry.transform.min-level", "warn");
    assertThat(c.sinks()).hasSize(3);
    assertThat(c.sinks().get(0)).isInstanceOf(BetterStackSink.class);
    assertThat(c.sinks().get(1)).isInstanceOf(ClickHouseSink.class);
    assertThat(c.bufferType()).isEqualTo(BufferType.MEMORY);
    assertThat(c.buffer().maxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.buffer().overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK_WITH_TIMEOUT);
    assertThat(c.buffer().blockTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.ship().maxBatchRecords()).isEqualTo(250);
    assertThat(c.transforms().size()).as("min-level, and scrub (on by default)").isEqualTo(2);
    assertThat(c.sinks().get(0).toString()).doesNotContain("t0k");
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "obs.telemetry.sink.betterstack.url|not a url|obs.telemetry.sink.betterstack.url",
      "obs.telemetry.sink.betterstack.url|ftp://x|obs.telemetry.sink.betterstack.url",
      "obs.telemetry.buffer.max-bytes|-5MB|obs.telemetry.buffer.max-bytes",
      "obs.telemetry.buffer.max-bytes|0|obs.telemetry.buffer.max-bytes",
      "obs.telemetry.buffer.min-free-disk|-1|obs.telemetry.buffer.min-free-disk",
      "obs.telemetry.batch.max-records|-10|obs.telemetry.batch.max-records",
      "obs.telemetry.batch.max-bytes|lots|obs.telemetry.batch.max-bytes",
      "obs.telemetry.batch.max-age|-1s|obs.telemetry.batch.max-age",
      "obs.telemetry.buffer.overflow|block-forever|obs.telemetry.buffer.overflow",
      "obs.telemetry.buffer.type|redis|obs.telemetry.buffer.type",
      "obs.telemetry.transform.sample-rate|1.5|obs.telemetry.transform.sample-rate",
      "obs.telemetry.transform.min-level|LOUD|obs.telemetry.transform.min-level",
      "obs.telemetry.team|bad team!|obs.telemetry.team",
      "obs.telemetry.sink.betterstack.max-request-bytes|-5|obs.telemetry.sink.betterstack.max-request-bytes",
      "obs.telemetry.sink.betterstack.max-request-bytes|12|obs.telemetry.sink.betterstack.max-request-bytes",
      "obs.telemetry.buffer.shards|0|obs.telemetry.buffer.shards",
      "obs.telemetry.buffer.shards|-2|obs.telemetry.buffer.shards",
      "obs.telemetry.buffer.shards|65|obs.telemetry.buffer.shards",
      "obs.telemetry.buffer.shards|four|obs.telemetry.buffer.shards",
      "obs.telemetry.sinks|kafka|obs.telemetry.sinks"})
  void malformedSetting_failsNamingTheSetting(String key, String value, String named) {
    Map<String, String> m = new HashMap<>(Map.of(key, value));
    if (key.contains("betterstack")) {
      m.put("obs.telemetry.sinks", "betterstack");
      m.put("obs.telemetry.sink.betterstack.token", "tok");
    }
    assertThatThrownBy(() -> TelemetryProperties.read(ConfigProperties.of(m), PiiScrubber.defaults()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(named))
        .hasMessageContaining(named);
  }

  @Test
  void maxRequestBytes_isReadPerSink_andDefaultsToTheDocumentedLimit() {
    TelemetryConfig c = read("obs.telemetry.sinks", "betterstack,otlp,clickhouse",
        "obs.telemetry.sink.betterstack.token", "t0k",
        "obs.telemetry.sink.otlp.max-request-bytes", "2097152",
        "obs.telemetry.sink.clickhouse.url", "http://ch:8123",
        "obs.telemetry.sink.clickhouse.max-request-bytes", "1048576");
    assertThat(((BetterStackSink) c.sinks().get(0)).maxRequestBytes()).isEqualTo(10L << 20);
    assertThat(c.sinks().get(1).maxBatchBytes()).isEqualTo(2097152 / 4);
    assertThat(((ClickHouseSink) c.sinks().get(2)).maxRequestBytes()).isEqualTo(1048576);
  }

  @Test
  void missingToken_failsNamingTheTokenSetting() {
    assertThatThrownBy(() -> read("obs.telemetry.sinks", "betterstack"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("obs.telemetry.sink.betterstack.token");
  }

  @Test
  void missingClickHouseUrl_failsNamingIt() {
    assertThatThrownBy(() -> read("obs.telemetry.sinks", "clickhouse"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("obs.telemetry.sink.clickhouse.url");
  }
}
