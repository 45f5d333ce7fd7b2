package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.UserId;
import dev.obskit.core.time.ManualClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Randomised schedules checked against properties that hold whatever the expected shifts are:
 * the final schedule partitions the window; an override always decides the instants it covers
 * (the latest one when several do); a sub-window gives the same answer as the big window (which
 * catches expansion that starts too late); and the cached answer equals the computed one.
 */
class FinalScheduleInvariantsTest {
  private static final String[] ZONES = {"Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC",
      "Australia/Lord_Howe"};

  @RepeatedTest(20)
  void randomSchedules_satisfyTheInvariants(RepetitionInfo info) {
    SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
    ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
    ScheduleService service = ScheduleService.builder()
        .setConfig(OnCallConfig.builder().setCacheHorizon(Duration.ofDays(400)).build())
        .setClock(clock).build();
    Schedule.Builder b = Schedule.builder(TEAM, SCHEDULE);
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      b.addLayer("L" + i, random.nextInt(4), randomRotation(random, i));
    }
    service.create(b.build());
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    List<ScheduleOverride> overrides = new ArrayList<>();
    for (int i = 0; i < random.nextInt(40); i++) {
      Instant s = from.plus(Duration.ofMinutes(random.nextLong(300 * 24 * 60)));
      overrides.add(service.addOverride(TEAM, SCHEDULE, s,
          s.plus(Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60))), u("o" + random.nextInt(5))));
    }

    FinalSchedule year = service.finalSchedule(TEAM, SCHEDULE, from, to);

    assertPartition(year, from, to);
    for (int i = 0; i < 100; i++) {
      Instant at = from.plusSeconds(random.nextLong(Duration.between(from, to).getSeconds()));
      List<UserId> expected = year.whoIsOnCall(at);
      assertThat(service.whoIsOnCall(TEAM, SCHEDULE, at)).as("cached at %s", at).isEqualTo(expected);
      Instant subFrom = at.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)));
      Instant subTo = at.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 40)));
      assertThat(service.finalSchedule(TEAM, SCHEDULE, max(subFrom, from), subTo).whoIsOnCall(at))
          .as("sub-window at %s", at).isEqualTo(expected);
      latestOverrideAt(overrides, at).ifPresent(o -> assertThat(expected).as("override at %s", at)
          .isEqualTo(o.users()));
    }
  }

  private static Rotation randomRotation(SplittableRandom random, int index) {
    Frequency frequency = Frequency.values()[random.nextInt(4)];
    Rotation.Builder r = Rotation.builder().setZone(ZONES[random.nextInt(ZONES.length)])
        .setStart(LocalDateTime.of(2026, 1 + random.nextInt(3), 1 + random.nextInt(28),
            random.nextInt(24), random.nextInt(4) * 15))
        .setFrequency(frequency)
        .setInterval(1 + random.nextInt(frequency == Frequency.HOURLY ? 36 : 3));
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      r.addUsers(u("l" + index + "u" + i));
    }
    boolean masked = random.nextBoolean();
    if (masked) {
      List<DayOfWeek> days = new ArrayList<>();
      for (DayOfWeek d : DayOfWeek.values()) {
        if (random.nextBoolean()) {
          days.add(d);
        }
      }
      if (days.isEmpty()) {
        days.add(DayOfWeek.MONDAY);
      }
      r.setByDay(days.toArray(new DayOfWeek[0]));
    }
    if (random.nextBoolean()) {
      long maxMinutes = Rotation.maxShiftLength(frequency, 1, masked).toMinutes();
      r.setShiftLength(Duration.ofMinutes(1 + random.nextLong(maxMinutes)));
    }
    return r.build();
  }

  private static void assertPartition(FinalSchedule schedule, Instant from, Instant to) {
    List<FinalShift> shifts = schedule.shifts();
    assertThat(shifts).isNotEmpty();
    assertThat(shifts.get(0).start()).isEqualTo(from);
    assertThat(shifts.get(shifts.size() - 1).end()).isEqualTo(to);
    for (int i = 1; i < shifts.size(); i++) {
      assertThat(shifts.get(i).start()).as("shift %d starts where %d ends", i, i - 1)
          .isEqualTo(shifts.get(i - 1).end());
    }
  }

  private static java.util.Optional<ScheduleOverride> latestOverrideAt(List<ScheduleOverride> all,
      Instant at) {
    for (int i = all.size() - 1; i >= 0; i--) {
      ScheduleOverride o = all.get(i);
      if (!at.isBefore(o.start()) && at.isBefore(o.end())) {
        return java.util.Optional.of(o);
      }
    }
    return java.util.Optional.empty();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
