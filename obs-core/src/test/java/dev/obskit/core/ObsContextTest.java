package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.QuotaDecision;
import dev.obskit.core.usage.QuotaGate;
import dev.obskit.core.usage.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ObsContextTest {
  private static final TeamId TEAM = TeamId.of("t");
  private final ManualClock clock = ManualClock.startingAt("2026-05-01T00:00:00Z");

  interface Greeter {
    String greet();
  }

  @Test
  void context_exposesWhatTheBuilderWasGiven() {
    EventBus bus = EventBus.synchronous();
    ConfigProperties config = ConfigProperties.of(Map.of("obs.x", "1"));
    PiiScrubber scrubber = PiiScrubber.disabled();
    ObsKit kit = ObsKit.builder().setClock(clock).setEventBus(bus).setConfig(config).setScrubber(scrubber)
        .setIdGenerator(IdGenerator.sequential("id")).build();

    ObsContext ctx = kit.context();

    assertThat(ctx.clock()).isSameAs(clock);
    assertThat(ctx.eventBus()).isSameAs(bus);
    assertThat(ctx.config()).isSameAs(config);
    assertThat(ctx.scrubber()).isSameAs(scrubber);
    assertThat(ctx.ids().next()).isEqualTo("id-1");
    kit.close();
    bus.publish("still open: the kit does not own a bus it was given");
    assertThat(bus.stats().rejected()).isZero();
  }

  @Test
  void alerts_useTheKitClockIdsAndBus() {
    ObsKit kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of()))
        .setIdGenerator(IdGenerator.sequential("al")).build();
    List<AlertEvent> events = new ArrayList<>();
    kit.context().eventBus().subscribe(AlertEvent.class, events::add);
    clock.advance(Duration.ofHours(1));

    kit.context().alerts().trigger(Alert.builder(TEAM, "k").setSummary("s").build());

    assertThat(events).hasSize(1);
    assertThat(events.get(0).at()).isEqualTo(Instant.parse("2026-05-01T01:00:00Z"));
    assertThat(events.get(0).alert().id().value()).isEqualTo("al-1");
  }

  @Test
  void usage_publishesUsageEventsOnTheBus() {
    ObsKit kit = ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of())).build();
    List<UsageEvent> seen = new ArrayList<>();
    kit.context().eventBus().subscribe(UsageEvent.class, seen::add);
    UsageEvent event = UsageEvent.of(TEAM, "errors.events", 3, clock.instant(), "evt-1");

    kit.context().usage().report(event);

    assertThat(seen).containsExactly(event);
  }

  @Test
  void registerAndLookup_byInterface() {
    ObsContext ctx = ObsKit.builder().setConfig(ConfigProperties.of(Map.of())).build().context();
    Greeter greeter = () -> "hi";

    assertThat(ctx.lookup(Greeter.class)).isEmpty();
    ctx.register(Greeter.class, greeter);

    assertThat(ctx.lookup(Greeter.class)).containsSame(greeter);
    assertThatThrownBy(() -> ctx.register(Greeter.class, () -> "other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(Greeter.class.getName() + " was already registered as ");
    assertThatThrownBy(() -> ctx.register(null, greeter)).hasMessage("type");
    assertThatThrownBy(() -> ctx.register(Greeter.class, null)).hasMessage("service");
  }

  @Test
  void quotaGate_bindsLateToWhicheverGateIsRegistered() {
    AtomicReference<QuotaGate> takenEarly = new AtomicReference<>();
    QuotaDecision denied = new QuotaDecision(false, 100, 100, Duration.ofDays(3), "quota exceeded");
    ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> {
          takenEarly.set(ctx.quotaGate());
          return new TestModuleProviders.NamedModule("consumer");
        })
        .addModule(ctx -> {
          ctx.register(QuotaGate.class, (team, meter, qty) -> qty > 10 ? denied : QuotaDecision.unlimited());
          return new TestModuleProviders.NamedModule("billing");
        })
        .build();

    QuotaGate gate = takenEarly.get();

    assertThat(gate.check(TEAM, "errors.events", 11)).isSameAs(denied);
    assertThat(gate.check(TEAM, "errors.events", 1)).isEqualTo(QuotaDecision.unlimited());
    assertThat(kit.context().lookup(QuotaGate.class)).isPresent();
  }

  @Test
  void quotaGate_whenNoneRegistered_allowsEverything() {
    ObsContext ctx = ObsKit.builder().setConfig(ConfigProperties.of(Map.of())).build().context();

    QuotaDecision decision = ctx.quotaGate().check(TEAM, "m", Long.MAX_VALUE);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.limit()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void quotaGate_whenRegisteredGateThrows_failsOpenInsteadOfThrowingIntoIngest() {
    ObsContext ctx = ObsKit.builder().setConfig(ConfigProperties.of(Map.of())).build().context();
    ctx.register(QuotaGate.class, (team, meter, qty) -> {
      throw new IllegalStateException("billing store down");
    });

    QuotaDecision decision = ctx.quotaGate().check(TEAM, "m", 1);

    assertThat(decision.allowed()).isTrue();
  }
}
