package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.core.time.ManualClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repository versioning, team scoping and the whoIsOnCall cache. */
class ScheduleServiceTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-20T00:00:00Z");
  private ScheduleService service;

  @BeforeEach
  void setUp() {
    service = ScheduleService.builder().setClock(clock).build();
    service.create(Schedule.builder(TEAM, SCHEDULE).setName("Primary")
        .addLayer("L1", 1, Rotation.builder().setZone("UTC")
            .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
            .addUsers(u("alice"), u("bob")).build())
        .build());
  }

  @Test
  void whoIsOnCall_isServedFromTheCache_andInvalidatedOnChange() {
    // Mar 16 alice, 17 bob, 18 alice, 19 bob, 20 alice (09:00 to 09:00 UTC).
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-20T12:00:00Z"))).containsExactly(u("alice"));
    assertThat(service.cachedSchedules()).isEqualTo(1);

    service.addOverride(TEAM, SCHEDULE, t("2026-03-20T10:00:00Z"), t("2026-03-20T14:00:00Z"), u("zoe"));
    assertThat(service.cachedSchedules()).isZero();
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-20T12:00:00Z"))).containsExactly(u("zoe"));
  }

  @Test
  void whoIsOnCall_outsideTheHorizon_isComputed_andTheCacheMovesWithTheClock() {
    // 2027-03-16 is 365 days after 2026-03-16: turn 365 is odd, so bob. Not cached (beyond 35 days).
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2027-03-16T12:00:00Z"))).containsExactly(u("bob"));
    assertThat(service.cachedSchedules()).isZero();

    // A lookup at now caches [now - 1 day, now + 35 days); 40 days later the window has moved.
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-20T12:00:00Z"))).containsExactly(u("alice"));
    clock.advance(Duration.ofDays(40));
    // 2026-04-29 is 44 days after 2026-03-16: even, so alice.
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-04-29T12:00:00Z"))).containsExactly(u("alice"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-04-30T12:00:00Z"))).containsExactly(u("bob"));
  }

  @Test
  void whoIsOnCall_unknownScheduleOrTeam_answersNobody() {
    assertThat(service.whoIsOnCall(TEAM, ScheduleId.of("nope"), t("2026-03-20T12:00:00Z"))).isEmpty();
    assertThat(service.whoIsOnCall(TeamId.of("other"), SCHEDULE, t("2026-03-20T12:00:00Z"))).isEmpty();
    assertThatThrownBy(() -> service.finalSchedule(TeamId.of("other"), SCHEDULE,
        t("2026-03-20T00:00:00Z"), t("2026-03-21T00:00:00Z")))
        .isInstanceOf(ScheduleNotFoundException.class)
        .hasMessage("team other has no schedule primary");
  }

  @Test
  void whoIsOnCall_withNullArguments_answersNobodyInsteadOfThrowing() {
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, null)).isEmpty();
    assertThat(service.whoIsOnCall(null, SCHEDULE, t("2026-03-20T12:00:00Z"))).isEmpty();
  }

  @Test
  void upcomingGaps_reportsUncoveredTimeAhead() {
    Schedule s = service.get(TEAM, SCHEDULE);
    service.update(s.toBuilder().clearLayers().addLayer("L1", 1, Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setShiftLength(Duration.ofHours(12)).addUsers(u("alice")).build()).build());

    // now = 2026-03-20T00:00Z; shifts 09:00-21:00 UTC each day.
    assertThat(service.upcomingGaps(TEAM, SCHEDULE, Duration.ofDays(1))).containsExactly(
        Shifts.gap("2026-03-20T00:00:00Z", "2026-03-20T09:00:00Z"),
        Shifts.gap("2026-03-20T21:00:00Z", "2026-03-21T00:00:00Z"));
  }

  @Test
  void update_withAStaleVersion_isRefused() {
    Schedule read = service.get(TEAM, SCHEDULE);
    Schedule updated = service.update(read.toBuilder().setName("Renamed").build());
    assertThat(updated.version()).isEqualTo(2);

    assertThatThrownBy(() -> service.update(read.toBuilder().setName("Lost").build()))
        .isInstanceOf(StaleVersionException.class);
    assertThatThrownBy(() -> service.create(read)).isInstanceOf(DuplicateKeyException.class);
    assertThat(service.get(TEAM, SCHEDULE).name()).isEqualTo("Renamed");
  }

  @Test
  void list_isTeamScoped_andDeleteDropsTheCache() {
    service.create(Schedule.builder(TeamId.of("other"), ScheduleId.of("theirs")).build());
    assertThat(service.list(TEAM, PageRequest.first()).items()).extracting(Schedule::id)
        .containsExactly(SCHEDULE);
    service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-20T12:00:00Z"));

    assertThat(service.delete(TEAM, SCHEDULE)).isTrue();

    assertThat(service.cachedSchedules()).isZero();
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-20T12:00:00Z"))).isEmpty();
  }

  @Test
  void concurrentOverrides_areAllKept() throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          start.await();
          for (int j = 0; j < perThread; j++) {
            java.time.Instant s = t("2026-04-01T00:00:00Z").plus(Duration.ofHours(thread * 100L + j));
            service.addOverride(TEAM, SCHEDULE, s, s.plus(Duration.ofMinutes(30)), u("u" + thread));
            service.whoIsOnCall(TEAM, SCHEDULE, s);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Schedule stored = service.get(TEAM, SCHEDULE);
    assertThat(stored.overrides()).hasSize(threads * perThread);
    assertThat(stored.version()).isEqualTo(1 + threads * perThread);
    // The cache never keeps an answer from before the last change.
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-04-01T00:10:00Z").plus(Duration.ofHours(724))))
        .containsExactly(u("u7"));
  }
}
