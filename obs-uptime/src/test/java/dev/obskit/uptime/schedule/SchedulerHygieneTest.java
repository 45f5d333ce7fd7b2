package dev.obskit.uptime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.check.TcpSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Host gates: bounded waits, no recursion, eviction; the driver survives any failure. */
class SchedulerHygieneTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
  private final CompletableFuture<Object> held = new CompletableFuture<>();
  private final AtomicLong launched = new AtomicLong();
  private final List<String> skipped = new CopyOnWriteArrayList<>();

  private static Monitor monitor(int i, String host) {
    return Monitor.builder(MonitorId.of("m" + i), TeamId.of("t"), new TcpSpec(host, 80))
        .setFrequency(Duration.ofSeconds(30)).setTimeout(Duration.ofSeconds(5)).build();
  }

  /** The first probe is held until the test completes it; every later one completes at once. */
  private CheckScheduler scheduler(int maxPerHost, int maxWaiting) {
    return new CheckScheduler(clock, new ProbeLauncher() {
      @Override
      public CompletableFuture<?> launch(Monitor m) {
        return launched.getAndIncrement() == 0 ? held : CompletableFuture.completedFuture(null);
      }

      @Override
      public void skipped(Monitor m, SkipCause cause) {
        skipped.add(m.id().value() + ":" + cause);
      }
    }, maxPerHost, maxWaiting, false);
  }

  @Test
  void release_100kImmediatelyCompletingProbesBehindOneGate_loopsWithoutStackOverflow() {
    CheckScheduler s = scheduler(1, 200_000);
    for (int i = 0; i < 100_000; i++) {
      s.schedule(monitor(i, "one.host"));
    }
    CompletableFuture<Void> all = s.runDue();
    assertThat(launched.get()).isEqualTo(1);
    assertThat(s.stats().deferredByHostLimit()).isEqualTo(99_999);

    held.complete(null); // releases the gate: 99,999 waiting probes run on this thread

    assertThat(all).isCompleted().isNotCompletedExceptionally();
    assertThat(launched.get()).isEqualTo(100_000);
    assertThat(s.stats().completed()).isEqualTo(100_000);
    assertThat(s.stats().inFlight()).isZero();
  }

  @Test
  void hostWait_full_skipsAndCountsTheOverflow() {
    CheckScheduler s = scheduler(1, 10);
    for (int i = 0; i < 100; i++) {
      s.schedule(monitor(i, "one.host"));
    }
    CompletableFuture<Void> all = s.runDue();
    // 1 running, 10 waiting, 89 not run.
    assertThat(skipped).hasSize(89).allMatch(x -> x.endsWith(":PROBE_QUEUE_FULL"));
    assertThat(s.stats().hostQueueOverflow()).isEqualTo(89);
    held.complete(null);
    assertThat(all).isCompleted();
    assertThat(launched.get()).isEqualTo(11);
  }

  @Test
  void hostGates_areEvictedWhenNothingRunsOrWaits() {
    CheckScheduler s = scheduler(2, 100);
    for (int i = 0; i < 50; i++) {
      s.schedule(monitor(i, "h" + i + ".example"));
    }
    s.runDue();
    assertThat(s.hostGates()).isEqualTo(1); // only the held probe's host
    held.complete(null);
    assertThat(s.hostGates()).isZero();
    for (int i = 0; i < 50; i++) {
      s.unschedule(MonitorId.of("m" + i));
    }
    clock.advance(Duration.ofSeconds(30));
    s.runDue();
    assertThat(s.hostGates()).isZero();
    assertThat(s.stats().hostGates()).isZero();
  }

  @Test
  void driver_tickThrowingAnError_isReArmedAndReported() {
    CheckScheduler s = scheduler(1, 10);
    AtomicInteger ticks = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    SchedulerDriver driver = new SchedulerDriver(clock, s, () -> {
      if (ticks.incrementAndGet() == 1) {
        throw new StackOverflowError("boom");
      }
    }, Duration.ofMillis(5), (what, e) -> failures.add(what + ": " + e.getMessage()));
    driver.start();
    try {
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> ticks.get() >= 3);
      assertThat(failures).containsExactly("scheduler tick failed; re-armed: boom");
    } finally {
      driver.stop(Duration.ofSeconds(2));
    }
  }
}
