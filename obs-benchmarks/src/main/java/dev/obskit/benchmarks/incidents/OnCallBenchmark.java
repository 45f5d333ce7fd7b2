package dev.obskit.benchmarks.incidents;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.oncall.FinalSchedule;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleService;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * On-call schedules (issue 6): computing the final schedule for a whole year of a 5-layer schedule
 * with 200 overrides (goal: under 50 ms), and {@code whoIsOnCall} answered from the cache (goal:
 * under 1 microsecond). The layers mix zones, frequencies and masks: three follow-the-sun daily
 * 8-hour layers (Tokyo; London weekdays only and Los Angeles at the same priority level, so where
 * they overlap both are on call), a weekly Paris layer masked to weekdays (one shift per masked
 * day) and a 12-hour UTC layer, so the year has thousands of layer shifts cut against each other,
 * unioned within a level and overridden.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class OnCallBenchmark {
  private static final TeamId TEAM = TeamId.of("bench");
  private static final ScheduleId ID = ScheduleId.of("five-layers");
  private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
  private static final int LOOKUPS = 1024;

  private ScheduleService service;
  private Instant[] lookups;
  private int next;

  @Setup
  public void setUp() {
    ManualClock clock = ManualClock.startingAt("2026-06-01T00:00:00Z");
    service = ScheduleService.builder().setClock(clock).build();
    LocalDate start = LocalDate.of(2026, 1, 5);
    service.create(Schedule.builder(TEAM, ID)
        .addLayer("tokyo", 5, daily8h("Asia/Tokyo", start, "yuki", "kenji", "aiko"))
        .addLayer("london", 4, daily8h("Europe/London", start, "olivia", "harry").toBuilder()
            .setByDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).build())
        .addLayer("los-angeles", 4, daily8h("America/Los_Angeles", start, "mia", "noah")
            .toBuilder().setStart(start, LocalTime.of(7, 0)).build())
        .addLayer("paris-weekly", 2, Rotation.builder().setZone("Europe/Paris")
            .setStart(start, LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
            .setByDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
            .addUsers(users("alice", "bob", "carol", "dave")).build())
        .addLayer("utc-12h", 1, Rotation.builder().setZone("UTC")
            .setStart(start, LocalTime.of(6, 0)).setFrequency(Frequency.HOURLY).setInterval(12)
            .addUsers(users("erin", "frank", "grace")).build())
        .build());
    SplittableRandom random = new SplittableRandom(42);
    List<UserId> pool = users("zoe", "yann", "xena", "walt", "vera");
    for (int i = 0; i < 200; i++) {
      Instant s = YEAR_START.plus(Duration.ofMinutes(i * 2628L + random.nextInt(600)));
      service.addOverride(TEAM, ID, s, s.plus(Duration.ofHours(1 + random.nextInt(6))),
          pool.get(random.nextInt(pool.size())));
    }
    lookups = new Instant[LOOKUPS];
    Instant from = clock.instant().minus(Duration.ofHours(20));
    for (int i = 0; i < LOOKUPS; i++) {
      lookups[i] = from.plusSeconds(random.nextLong(Duration.ofDays(34).getSeconds()));
    }
    service.whoIsOnCall(TEAM, ID, lookups[0]);
  }

  private static Rotation daily8h(String zone, LocalDate start, String... names) {
    return Rotation.builder().setZone(zone).setStart(start, LocalTime.of(9, 0))
        .setFrequency(Frequency.DAILY).setShiftLength(Duration.ofHours(8))
        .addUsers(users(names)).build();
  }

  private static List<UserId> users(String... names) {
    return java.util.Arrays.stream(names).map(UserId::of).toList();
  }

  /**
   * Final schedule of 2026 for the 5-layer schedule (two at one priority level, two masked) with
   * 200 overrides. Goal: under 50 ms.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public FinalSchedule finalScheduleForAYear() {
    return service.finalSchedule(TEAM, ID, YEAR_START, YEAR_END);
  }

  /** whoIsOnCall at a random instant of the cached 35-day window. Goal: under 1 microsecond. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public List<UserId> whoIsOnCallCached() {
    return service.whoIsOnCall(TEAM, ID, lookups[next++ & (LOOKUPS - 1)]);
  }
}
