package dev.obskit.telemetry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TelemetryEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformPipelineTest {
  private static TelemetryEvent event(Severity s, String logger) {
    return TelemetryEvent.of(0, s, logger, "user jane.doe@example.com logged in")
        .putAttribute("password", "hunter2").putAttribute("userId", "u1");
  }

  @Test
  void fromConfig_appliesLevelLoggerRenameAddAndScrub() {
    TransformPipeline p = TransformPipeline.fromConfig(ConfigProperties.of(Map.of(
        "t.min-level", "INFO", "t.drop-loggers", "org.noisy",
        "t.rename", "userId=user.id", "t.add", "env=prod", "t.scrub", "true")), "t",
        PiiScrubber.defaults());
    assertThat(p.apply(event(Severity.DEBUG, "app"))).isNull();
    assertThat(p.apply(event(Severity.ERROR, "org.noisy.Client"))).isNull();
    TelemetryEvent kept = p.apply(event(Severity.INFO, "org.noisyish"));
    assertThat(kept).isNotNull();
    assertThat(kept.message()).doesNotContain("jane.doe@example.com");
    assertThat(kept.attributes()).containsEntry("password", PiiScrubber.FILTERED)
        .containsEntry("user.id", "u1").containsEntry("env", "prod").doesNotContainKey("userId");
  }

  @Test
  void sample_zeroKeepsOnlyWarnAndAbove_oneKeepsAll() {
    Transform none = Transforms.sample(0.0, Severity.WARN);
    assertThat(none.apply(event(Severity.INFO, "a"))).isNull();
    assertThat(none.apply(event(Severity.WARN, "a"))).isNotNull();
    Transform all = Transforms.sample(1.0, Severity.WARN);
    for (int i = 0; i < 100; i++) {
      assertThat(all.apply(event(Severity.DEBUG, "a"))).isNotNull();
    }
  }

  @Test
  void throwingTransform_isSkipped_eventKept() {
    TransformPipeline p = TransformPipeline.builder().add(e -> {
      throw new IllegalStateException("bug in a user transform");
    }).add(Transforms.addAttributes(Map.of("k", "v"))).build();
    assertThat(p.apply(event(Severity.INFO, "a")).attributes()).containsEntry("k", "v");
  }

  @Test
  void dropLoggers_matchesWholeSegmentsOnly() {
    Transform t = Transforms.dropLoggers(List.of("com.acme"));
    assertThat(t.apply(event(Severity.INFO, "com.acme"))).isNull();
    assertThat(t.apply(event(Severity.INFO, "com.acme.Foo"))).isNull();
    assertThat(t.apply(event(Severity.INFO, "com.acmeish.Foo"))).isNotNull();
  }
}
