package dev.obskit.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageTest {
  private static final TeamId TEAM = TeamId.of("t");
  private static final Instant AT = Instant.parse("2026-04-01T12:00:00Z");

  @Test
  void usageEvent_acceptsValidValuesAndCopiesDimensions() {
    Map<String, String> dims = new HashMap<>(Map.of("model", "m1"));
    UsageEvent e = new UsageEvent(TEAM, Meters.LLM_INPUT_TOKENS, 0, AT, "k".repeat(256), dims);
    dims.put("user", "u");

    assertThat(e.dimensions()).containsExactly(Map.entry("model", "m1"));
    assertThat(e.quantity()).isZero();
    assertThat(UsageEvent.of(TEAM, Meters.LOG_BYTES, 10, AT, "k").dimensions()).isEmpty();
  }

  @Test
  void usageEvent_rejectsInvalidValuesNamingThem() {
    assertThatThrownBy(() -> UsageEvent.of(TEAM, "errors.events", -1, AT, "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quantity must be >= 0, got -1 for errors.events");
    assertThatThrownBy(() -> UsageEvent.of(TEAM, " ", 1, AT, "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("meter must not be blank");
    assertThatThrownBy(() -> UsageEvent.of(TEAM, "m", 1, AT, ""))
        .hasMessage("idempotencyKey must be 1 to 256 characters, got 0");
    assertThatThrownBy(() -> UsageEvent.of(TEAM, "m", 1, AT, "k".repeat(257)))
        .hasMessage("idempotencyKey must be 1 to 256 characters, got 257");
    assertThatThrownBy(() -> UsageEvent.of(null, "m", 1, AT, "k")).hasMessage("teamId");
    assertThatThrownBy(() -> UsageEvent.of(TEAM, null, 1, AT, "k")).hasMessage("meter");
    assertThatThrownBy(() -> UsageEvent.of(TEAM, "m", 1, null, "k")).hasMessage("timestamp");
    assertThatThrownBy(() -> UsageEvent.of(TEAM, "m", 1, AT, null)).hasMessage("idempotencyKey");
    assertThatThrownBy(() -> new UsageEvent(TEAM, "m", 1, AT, "k", null)).hasMessage("dimensions");
  }

  @Test
  void quotaGate_allowAll_allowsEverythingWithUnlimitedDecision() {
    QuotaDecision d = QuotaGate.allowAll().check(TEAM, Meters.ERROR_EVENTS, Long.MAX_VALUE);

    assertThat(d).isEqualTo(new QuotaDecision(true, Long.MAX_VALUE, 0, Duration.ZERO, ""));
    assertThat(d).isSameAs(QuotaDecision.unlimited());
  }

  @Test
  void quotaDecision_rejectsNulls() {
    assertThatThrownBy(() -> new QuotaDecision(false, 1, 1, null, "r")).hasMessage("retryAfter");
    assertThatThrownBy(() -> new QuotaDecision(false, 1, 1, Duration.ZERO, null)).hasMessage("reason");
  }

  @Test
  void usageReporter_publishingPutsEventsOnTheBusAndNoopDiscards() {
    EventBus bus = EventBus.synchronous();
    List<UsageEvent> seen = new ArrayList<>();
    bus.subscribe(UsageEvent.class, seen::add);
    UsageEvent e = UsageEvent.of(TEAM, Meters.MONITORS, 3, AT, "k");

    UsageReporter.publishing(bus).report(e);
    UsageReporter.noop().report(e);

    assertThat(seen).containsExactly(e);
    assertThatThrownBy(() -> UsageReporter.publishing(null)).hasMessage("bus");
  }
}
