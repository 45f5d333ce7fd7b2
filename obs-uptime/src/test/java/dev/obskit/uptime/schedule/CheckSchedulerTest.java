package dev.obskit.uptime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TcpSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CheckSchedulerTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
  private final List<String> launched = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Object>> pending = new CopyOnWriteArrayList<>();

  private static Monitor monitor(String id, String host, int seconds) {
    return Monitor.builder(MonitorId.of(id), TeamId.of("t"), new TcpSpec(host, 80))
        .setFrequency(Duration.ofSeconds(seconds)).setTimeout(Duration.ofSeconds(5)).build();
  }

  private CheckScheduler scheduler(int maxPerHost, boolean jitter, boolean complete) {
    return new CheckScheduler(clock, m -> {
      launched.add(m.id().value());
      CompletableFuture<Object> f = new CompletableFuture<>();
      if (complete) {
        f.complete(null);
      } else {
        pending.add(f);
      }
      return f;
    }, maxPerHost, jitter);
  }

  @Test
  void runDue_fixedRate_firesOncePerPeriodOnTheManualClock() {
    CheckScheduler s = scheduler(8, false, true);
    s.schedule(monitor("a", "h1", 30));
    s.schedule(monitor("b", "h2", 60));
    s.runDue();
    assertThat(launched).containsExactlyInAnyOrder("a", "b");
    clock.advance(Duration.ofSeconds(29));
    s.runDue();
    assertThat(launched).hasSize(2);
    clock.advance(Duration.ofSeconds(1));
    s.runDue();
    assertThat(launched).containsExactlyInAnyOrder("a", "b", "a");
    clock.advance(Duration.ofSeconds(30));
    s.runDue();
    assertThat(launched).hasSize(5);
    assertThat(s.stats().latenessP99Millis()).isZero();
  }

  @Test
  void runDue_whenFarBehind_skipsMissedSlotsInsteadOfBursting() {
    CheckScheduler s = scheduler(8, false, true);
    s.schedule(monitor("a", "h1", 30));
    s.runDue();
    clock.advance(Duration.ofSeconds(100)); // due at 30, 60, 90 all missed
    s.runDue();
    assertThat(launched).hasSize(2);
    assertThat(s.stats().skippedSlots()).isEqualTo(2);
    assertThat(s.stats().latenessP50Millis()).isZero(); // the first check was on time
    assertThat(s.nextDueMillis()).contains(clock.millis() + 20_000);
  }

  @Test
  void jitter_spreadsTenThousandMonitorsEvenlyOverThePeriod() {
    int[] deciles = new int[10];
    for (int i = 0; i < 10_000; i++) {
      long j = CheckScheduler.jitterMillis(monitor("m-" + i, "h", 30));
      assertThat(j).isBetween(0L, 29_999L);
      deciles[(int) (j / 3000)]++;
    }
    for (int d : deciles) {
      assertThat(d).isBetween(850, 1150);
    }
  }

  @Test
  void hostLimit_holdsBackExtraProbesUntilOneCompletes() {
    CheckScheduler s = scheduler(2, false, false);
    for (int i = 0; i < 5; i++) {
      s.schedule(monitor("m" + i, "same.host", 30));
    }
    s.schedule(monitor("other", "other.host", 30));
    CompletableFuture<Void> all = s.runDue();
    assertThat(launched).hasSize(3); // 2 for same.host + 1 for other.host
    assertThat(s.stats().deferredByHostLimit()).isEqualTo(3);
    pending.get(0).complete(null);
    assertThat(launched).hasSize(4);
    List<CompletableFuture<Object>> copy = new ArrayList<>(pending);
    while (!all.isDone()) {
      for (CompletableFuture<Object> f : new ArrayList<>(pending)) {
        f.complete(null);
      }
      if (copy.size() == pending.size() && copy.stream().allMatch(CompletableFuture::isDone)) {
        break;
      }
      copy = new ArrayList<>(pending);
    }
    assertThat(launched).hasSize(6);
    assertThat(all).isDone();
    assertThat(s.stats().inFlight()).isZero();
  }

  @Test
  void unschedule_stopsFutureChecks() {
    CheckScheduler s = scheduler(8, false, true);
    s.schedule(monitor("a", "h", 30));
    s.runDue();
    assertThat(s.unschedule(MonitorId.of("a"))).isTrue();
    clock.advance(Duration.ofMinutes(5));
    s.runDue();
    assertThat(launched).hasSize(1);
    assertThat(s.nextDueMillis()).isEmpty();
  }
}
