package dev.obskit.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogContextTest {
  @Test
  void parseKeys_trimsAndSkipsBlanks() {
    assertThat(LogContext.parseKeys(" requestId, ,tenant ")).containsExactlyInAnyOrder("requestId", "tenant");
    assertThat(LogContext.parseKeys("  ")).isEmpty();
    assertThat(LogContext.parseKeys(null)).isEmpty();
  }

  @Test
  void builder_boundsKeysValuesAndCounts() {
    LogContext.Builder b = LogContext.builder(Set.of(), "t");
    b.put("k".repeat(201), "skipped").put("", "skipped").put("nullValue", null);
    b.put("long", "v".repeat(300));
    for (int i = 0; i < 100; i++) {
      b.put("key" + i, i);
    }
    LogContext c = b.build();
    assertThat(c.tags()).hasSize(LogContext.MAX_ENTRIES).doesNotContainKey("nullValue");
    assertThat(c.tags().get("long")).hasSize(200).endsWith("\u2026");
    assertThat(c.tags().get("key0")).isEqualTo("0");
  }

  @Test
  void builder_whitelistSplitsTagsFromContext_markersJoined() {
    LogContext c = LogContext.builder(Set.of("a"), null)
        .put("a", "1").put("b", "2").markers(List.of("M1", "M2")).build();
    assertThat(c.tags()).containsOnlyKeys("a", "marker").containsEntry("marker", "M1,M2");
    assertThat(c.contextData()).containsOnlyKeys("b");
    assertThat(c.threadName()).isNull();
  }
}
