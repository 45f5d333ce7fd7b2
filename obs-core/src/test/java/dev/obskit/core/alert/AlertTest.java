package dev.obskit.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.TeamId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {
  private static final TeamId TEAM = TeamId.of("t1");

  @Test
  void builder_withDefaults_usesHostSourceErrorSeverityAndEmptyComponent() {
    Alert alert = Alert.builder(TEAM, "k").setSummary("disk full").build();

    assertThat(alert.teamId()).isEqualTo(TEAM);
    assertThat(alert.dedupKey()).isEqualTo("k");
    assertThat(alert.source()).isEqualTo("host");
    assertThat(alert.severity()).isEqualTo(AlertSeverity.ERROR);
    assertThat(alert.component()).isEmpty();
    assertThat(alert.details()).isEmpty();
    assertThat(alert.toString()).isEqualTo("Alert{t1/k, ERROR, disk full}");
  }

  @Test
  void builder_setsEveryField() {
    Alert alert = Alert.builder(TEAM, "uptime:m-42")
        .setSource("obs-uptime/m-42").setSeverity(AlertSeverity.CRITICAL).setSummary("down")
        .setComponent("checkout").putDetail("status", "503").putDetail("url", "https://x.test/")
        .build();

    assertThat(alert.source()).isEqualTo("obs-uptime/m-42");
    assertThat(alert.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(alert.component()).isEqualTo("checkout");
    assertThat(alert.details()).containsExactly(Map.entry("status", "503"), Map.entry("url", "https://x.test/"));
  }

  @Test
  void builder_whenDedupKeyBlank_throwsNamingTheLimit() {
    assertThatThrownBy(() -> Alert.builder(TEAM, "   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dedupKey must be 1 to 255 non-blank characters, got 3");
    assertThatThrownBy(() -> Alert.builder(TEAM, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  @Test
  void builder_whenDedupKeyOversized_throwsNamingLength() {
    assertThat(Alert.builder(TEAM, "k".repeat(255)).setSummary("s").build().dedupKey()).hasSize(255);
    assertThatThrownBy(() -> Alert.builder(TEAM, "k".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dedupKey must be 1 to 255 non-blank characters, got 256");
  }

  @Test
  void builder_whenNullArguments_throwsNamingThem() {
    assertThatThrownBy(() -> Alert.builder(null, "k")).hasMessage("teamId");
    assertThatThrownBy(() -> Alert.builder(TEAM, null)).hasMessage("dedupKey");
    assertThatThrownBy(() -> Alert.builder(TEAM, "k").setSummary(null)).hasMessage("summary");
    assertThatThrownBy(() -> Alert.builder(TEAM, "k").setSeverity(null)).hasMessage("severity");
    assertThatThrownBy(() -> Alert.builder(TEAM, "k").putDetail("a", null)).hasMessage("value");
  }

  @Test
  void build_whenSummaryMissingOrBlank_throwsNamingKey() {
    assertThatThrownBy(() -> Alert.builder(TEAM, "errors:g-7").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("summary is required for alert errors:g-7");
    assertThatThrownBy(() -> Alert.builder(TEAM, "errors:g-7").setSummary(" \t").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void setSummary_whenLongerThanLimit_truncatesWithEllipsis() {
    String exact = "x".repeat(1024);
    assertThat(Alert.builder(TEAM, "k").setSummary(exact).build().summary()).isEqualTo(exact);

    String summary = Alert.builder(TEAM, "k").setSummary("y".repeat(5000)).build().summary();

    assertThat(summary).hasSize(1024).startsWith("yyy").endsWith("y...");
    assertThat(summary.substring(0, 1021)).isEqualTo("y".repeat(1021));
  }

  @Test
  void setSummary_whenTruncationFallsInsideSurrogatePair_doesNotSplitIt() {
    // 1020 ASCII characters then emoji (2 chars each): char 1021 would be a lone high surrogate.
    String text = "a".repeat(1020) + "\uD83D\uDE00".repeat(10);

    String summary = Alert.builder(TEAM, "k").setSummary(text).build().summary();

    assertThat(summary).endsWith("...");
    assertThat(summary.length()).isLessThanOrEqualTo(1024);
    String kept = summary.substring(0, summary.length() - 3);
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    assertThat(kept).isEqualTo("a".repeat(1020));
  }

  @Test
  void putDetail_beyondCap_keepsFirst64AndStillUpdatesExistingKeys() {
    Alert.Builder b = Alert.builder(TEAM, "k").setSummary("s");
    for (int i = 0; i < 100; i++) {
      b.putDetail("d" + i, "v" + i);
    }
    b.putDetail("d0", "updated");

    Alert alert = b.build();

    assertThat(alert.details()).hasSize(64).containsEntry("d0", "updated").containsEntry("d63", "v63")
        .doesNotContainKey("d64");
  }

  @Test
  void details_areImmutableAndIndependentOfBuilder() {
    Map<String, String> source = new LinkedHashMap<>();
    source.put("a", "1");
    Alert.Builder b = Alert.builder(TEAM, "k").setSummary("s").putDetails(source);
    Alert alert = b.build();
    b.putDetail("b", "2");

    assertThat(alert.details()).containsExactly(Map.entry("a", "1"));
    assertThatThrownBy(() -> alert.details().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void status_isOpen_onlyWhenNotResolved() {
    assertThat(AlertStatus.TRIGGERED.isOpen()).isTrue();
    assertThat(AlertStatus.ACKNOWLEDGED.isOpen()).isTrue();
    assertThat(AlertStatus.RESOLVED.isOpen()).isFalse();
  }

  @Test
  void event_rejectsNullComponents() {
    assertThatThrownBy(() -> new AlertEvent(null, null, null)).hasMessage("action");
    assertThatThrownBy(() -> new AlertResult(null, null)).hasMessage("outcome");
  }
}
