package dev.obskit.uptime.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.check.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorStateMachineTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final Monitor monitor = Monitor.builder(MonitorId.of("m-1"), TeamId.of("t"),
          new TcpSpec("127.0.0.1", 80))
      .setFrequency(Duration.ofSeconds(30))
      .setConfirmationPeriod(Duration.ofSeconds(60))
      .setRecoveryPeriod(Duration.ofSeconds(60))
      .build();
  private final MonitorStateMachine machine = new MonitorStateMachine(monitor.id());
  private final List<Step> steps = new ArrayList<>();

  private Step at(int seconds, boolean up) {
    Instant at = T0.plusSeconds(seconds);
    CheckResult r = up ? CheckResult.up(at, Timings.total(1_000_000))
        : CheckResult.down(at, Timings.total(1_000_000), "connection refused");
    Step s = machine.observe(monitor, r, at, false, SecondOpinion.none());
    steps.add(s);
    return s;
  }

  private long booked(Booking b) {
    return steps.stream().flatMap(s -> s.segments().stream()).filter(s -> s.booking() == b)
        .mapToLong(s -> Duration.between(s.from(), s.to()).toSeconds()).sum();
  }

  @Test
  void observe_firstSuccess_goesFromPendingToUp() {
    Step s = at(0, true);
    assertThat(machine.state()).isEqualTo(MonitorState.UP);
    assertThat(s.transitions()).singleElement()
        .satisfies(t -> assertThat(t.from()).isEqualTo(MonitorState.PENDING));
  }

  @Test
  void observe_failureShorterThanConfirmation_raisesNothingAndCountsAsUp() {
    at(0, true);
    at(30, false); // first failure
    at(60, false); // 30 s of failure < 60 s confirmation
    at(90, true);  // recovered before confirmation
    at(120, true);
    assertThat(steps).noneMatch(Step::trigger);
    assertThat(machine.state()).isEqualTo(MonitorState.UP);
    assertThat(booked(Booking.DOWN)).isZero();
    assertThat(booked(Booking.UP)).isEqualTo(120);
    assertThat(machine.transitions()).extracting(StateTransition::to)
        .containsExactly(MonitorState.UP, MonitorState.PENDING, MonitorState.UP);
  }

  @Test
  void observe_failureLastingConfirmation_triggersOnceAndBooksDowntimeFromFirstFailure() {
    at(0, true);
    at(30, false);
    at(60, false);
    Step confirm = at(90, false); // 60 s after the first failure
    at(120, false);
    assertThat(confirm.trigger()).isTrue();
    assertThat(confirm.outageStart()).contains(T0.plusSeconds(30));
    assertThat(steps.stream().filter(Step::trigger)).hasSize(1);
    assertThat(machine.state()).isEqualTo(MonitorState.DOWN);
    assertThat(booked(Booking.DOWN)).isEqualTo(90); // 30..120
  }

  @Test
  void observe_recoveryShorterThanRecoveryPeriod_doesNotResolve() {
    at(0, false);
    at(60, false); // confirmed DOWN at 60 (failing since 0)
    at(90, true);  // recovery starts
    at(120, true); // 30 s < 60 s
    Step reset = at(150, false); // failure resets the recovery
    at(180, true);
    at(210, true);
    assertThat(steps).noneMatch(Step::resolve);
    assertThat(reset.segments()).singleElement()
        .satisfies(s -> assertThat(s.booking()).isEqualTo(Booking.DOWN));
    assertThat(machine.state()).isEqualTo(MonitorState.DOWN);
    Step resolved = at(240, true); // 60 s after 180
    assertThat(resolved.resolve()).isTrue();
    assertThat(resolved.outage()).contains(new Step.Outage(T0, T0.plusSeconds(180)));
    assertThat(machine.state()).isEqualTo(MonitorState.UP);
    assertThat(booked(Booking.DOWN)).isEqualTo(180);
    assertThat(booked(Booking.UP)).isEqualTo(60);
  }

  @Test
  void observe_zeroConfirmation_goesDownOnFirstFailure() {
    Monitor eager = monitor.toBuilder().setConfirmationPeriod(Duration.ZERO).build();
    machine.observe(eager, CheckResult.up(T0, Timings.total(0)), T0, false, SecondOpinion.none());
    Step s = machine.observe(eager, CheckResult.down(T0.plusSeconds(30), Timings.total(0), "x"),
        T0.plusSeconds(30), false, SecondOpinion.none());
    assertThat(s.trigger()).isTrue();
    assertThat(machine.state()).isEqualTo(MonitorState.DOWN);
  }

  @Test
  void observe_secondOpinionRefutes_staysPending() {
    SecondOpinion refuse = new SecondOpinion() {
      @Override
      public String getName() {
        return "peer";
      }

      @Override
      public Verdict confirm(Monitor m, CheckResult failure) {
        return Verdict.REFUTED;
      }
    };
    for (int s = 0; s <= 300; s += 30) {
      Instant at = T0.plusSeconds(s);
      Step step = machine.observe(monitor, CheckResult.down(at, Timings.total(0), "x"), at, false,
          refuse);
      assertThat(step.trigger()).isFalse();
    }
    assertThat(machine.state()).isEqualTo(MonitorState.PENDING);
  }

  @Test
  void observe_duringMaintenance_raisesNothingAndBooksMaintenance() {
    at(0, true);
    for (int s = 30; s <= 300; s += 30) {
      Instant at = T0.plusSeconds(s);
      Step step = machine.observe(monitor, CheckResult.down(at, Timings.total(0), "x"), at, true,
          SecondOpinion.none());
      steps.add(step);
      assertThat(step.trigger()).isFalse();
    }
    assertThat(machine.state()).isEqualTo(MonitorState.MAINTENANCE);
    at(330, true);
    assertThat(machine.state()).isEqualTo(MonitorState.UP);
    assertThat(booked(Booking.DOWN)).isZero();
    assertThat(booked(Booking.MAINTENANCE)).isEqualTo(300); // 30..330
    assertThat(booked(Booking.UP)).isEqualTo(30);
  }

  @Test
  void pause_stopsCountingAndIgnoresLateResults() {
    at(0, true);
    steps.add(machine.pause(T0.plusSeconds(30)));
    Step ignored = at(60, false);
    assertThat(ignored).isEqualTo(Step.NONE);
    assertThat(machine.state()).isEqualTo(MonitorState.PAUSED);
    steps.add(machine.resume(T0.plusSeconds(600)));
    assertThat(machine.state()).isEqualTo(MonitorState.PENDING);
    at(630, true);
    assertThat(booked(Booking.UP)).isEqualTo(60); // 0..30 and 600..630
  }
}
