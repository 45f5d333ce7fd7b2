package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.gap;
import static dev.obskit.incidents.oncall.Shifts.layer;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Monthly, custom (hourly), masked and limited rotations; expected shifts worked out by hand. */
class FrequencyTest {

  private static ScheduleService serviceWith(Rotation rotation) {
    ScheduleService service = ScheduleService.builder().build();
    service.create(Schedule.builder(TEAM, SCHEDULE).addLayer("L1", 1, rotation).build());
    return service;
  }

  @Test
  void monthly_anchoredOnThe31st_clampsWithoutDrifting() {
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 1, 31), LocalTime.of(9, 0)).setFrequency(Frequency.MONTHLY)
        .addUsers(u("ann"), u("ben")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-01-31T09:00:00Z"), t("2026-04-30T09:00:00Z")))
        .containsExactly(
            layer("2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z", "L1", "ann"),
            layer("2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z", "L1", "ben"),
            layer("2026-03-31T09:00:00Z", "2026-04-30T09:00:00Z", "L1", "ann"));
  }

  @Test
  void monthlyEveryTwo_weekendMask_givesWeekendDaysOfEachTurn() {
    // Turns: [Feb 2, Apr 2) ann, [Apr 2, Jun 2) ben; each Saturday and Sunday 10:00 -> next day 10:00.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 2, 2), LocalTime.of(10, 0)).setFrequency(Frequency.MONTHLY)
        .setInterval(2).setByDay(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
        .addUsers(u("ann"), u("ben")).build());

    // Saturday and Sunday of one person are adjacent pieces, merged into one weekend shift.
    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-02-06T00:00:00Z"), t("2026-02-10T00:00:00Z")))
        .containsExactly(
            gap("2026-02-06T00:00:00Z", "2026-02-07T10:00:00Z"),
            layer("2026-02-07T10:00:00Z", "2026-02-09T10:00:00Z", "L1", "ann"),
            gap("2026-02-09T10:00:00Z", "2026-02-10T00:00:00Z"));
    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-04-01T00:00:00Z"), t("2026-04-07T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-04-04T10:00:00Z", "2026-04-06T10:00:00Z", "L1", "ben"));
    // March is between the two-month turns: nobody, after ann's Saturday Feb 28 shift ends.
    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-03-01T00:00:00Z"), t("2026-04-01T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-03-01T00:00:00Z", "2026-03-01T10:00:00Z", "L1", "ann"));
  }

  @Test
  void customEvery12Hours_keepsLocalHandoffsAcrossDst() {
    // 09:00 and 21:00 Paris. 2026-03-28 09:00 CET = 08:00Z, 21:00 CET = 20:00Z,
    // 2026-03-29 09:00 CEST = 07:00Z (an 11-hour night), 21:00 CEST = 19:00Z.
    ScheduleService service = serviceWith(Rotation.builder().setZone("Europe/Paris")
        .setStart(LocalDateTime.of(2026, 3, 28, 9, 0)).setFrequency(Frequency.HOURLY).setInterval(12)
        .addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-28T08:00:00Z"), t("2026-03-29T19:00:00Z")))
        .containsExactly(
            layer("2026-03-28T08:00:00Z", "2026-03-28T20:00:00Z", "L1", "ann"),
            layer("2026-03-28T20:00:00Z", "2026-03-29T07:00:00Z", "L1", "ben"),
            layer("2026-03-29T07:00:00Z", "2026-03-29T19:00:00Z", "L1", "cat"));
  }

  @Test
  void dailyWeekdayMask_skippedDaysDoNotAdvanceTheRotation() {
    // Mon ann, Tue ben, Wed cat, Thu ann, Fri ben, weekend nobody, next Mon cat.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setByDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)
        .addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-06-01T09:00:00Z"), t("2026-06-09T09:00:00Z")))
        .containsExactly(
            layer("2026-06-01T09:00:00Z", "2026-06-02T09:00:00Z", "L1", "ann"),
            layer("2026-06-02T09:00:00Z", "2026-06-03T09:00:00Z", "L1", "ben"),
            layer("2026-06-03T09:00:00Z", "2026-06-04T09:00:00Z", "L1", "cat"),
            layer("2026-06-04T09:00:00Z", "2026-06-05T09:00:00Z", "L1", "ann"),
            layer("2026-06-05T09:00:00Z", "2026-06-06T09:00:00Z", "L1", "ben"),
            gap("2026-06-06T09:00:00Z", "2026-06-08T09:00:00Z"),
            layer("2026-06-08T09:00:00Z", "2026-06-09T09:00:00Z", "L1", "cat"));
  }

  @Test
  void dailyMask_farFromTheAnchor_countsSkippedTurnsCorrectly() {
    // Same rotation; 2026-07-06 is a Monday 5 weeks after 2026-06-01: 25 weekdays before it,
    // 25 % 3 == 1, so ben.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setByDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)
        .addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-07-06T12:00:00Z"))).containsExactly(u("ben"));
  }

  @Test
  void everyTwoDays_withMask_eachGroupCoversTwoMatchingDays() {
    // Grafana: each group covers `interval` consecutive matching days. Mon/Wed/Fri from Mon
    // 2026-06-01: Jun 1+3 ann, Jun 5+8 ben, Jun 10+12 cat, Jun 15+17 ann.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(8, 0)).setFrequency(Frequency.DAILY)
        .setInterval(2).setByDay(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)
        .setShiftLength(Duration.ofHours(12)).addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-06-01T00:00:00Z"), t("2026-06-18T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-06-01T08:00:00Z", "2026-06-01T20:00:00Z", "L1", "ann"),
            layer("2026-06-03T08:00:00Z", "2026-06-03T20:00:00Z", "L1", "ann"),
            layer("2026-06-05T08:00:00Z", "2026-06-05T20:00:00Z", "L1", "ben"),
            layer("2026-06-08T08:00:00Z", "2026-06-08T20:00:00Z", "L1", "ben"),
            layer("2026-06-10T08:00:00Z", "2026-06-10T20:00:00Z", "L1", "cat"),
            layer("2026-06-12T08:00:00Z", "2026-06-12T20:00:00Z", "L1", "cat"),
            layer("2026-06-15T08:00:00Z", "2026-06-15T20:00:00Z", "L1", "ann"),
            layer("2026-06-17T08:00:00Z", "2026-06-17T20:00:00Z", "L1", "ann"));
  }

  @Test
  void weeklyBusinessHours_maskAndLimit_reportGapsOutsideThem() {
    // London BST (UTC+1): 09:00-17:00 local = 08:00-16:00Z. Week of Jun 1 ann, week of Jun 8 ben.
    ScheduleService service = serviceWith(Rotation.builder().setZone("Europe/London")
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
        .setByDay(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)
        .setShiftLength(Duration.ofHours(8)).addUsers(u("ann"), u("ben")).build());

    FinalSchedule schedule = service.finalSchedule(TEAM, SCHEDULE, t("2026-06-05T00:00:00Z"),
        t("2026-06-09T00:00:00Z"));

    assertThat(schedule.shifts()).containsExactly(
        gap("2026-06-05T00:00:00Z", "2026-06-05T08:00:00Z"),
        layer("2026-06-05T08:00:00Z", "2026-06-05T16:00:00Z", "L1", "ann"),
        gap("2026-06-05T16:00:00Z", "2026-06-08T08:00:00Z"),
        layer("2026-06-08T08:00:00Z", "2026-06-08T16:00:00Z", "L1", "ben"),
        gap("2026-06-08T16:00:00Z", "2026-06-09T00:00:00Z"));
    assertThat(schedule.gaps()).hasSize(3);
  }

  @Test
  void weeklyLimitedWithoutMask_isOneShiftPerTurn() {
    // Monday 09:00 to Friday 17:00 UTC each week (4 days 8 hours), nobody on weekends.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
        .setShiftLength(Duration.ofDays(4).plusHours(8)).addUsers(u("ann"), u("ben")).build());

    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-06-01T00:00:00Z"), t("2026-06-15T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-06-01T09:00:00Z", "2026-06-05T17:00:00Z", "L1", "ann"),
            layer("2026-06-08T09:00:00Z", "2026-06-12T17:00:00Z", "L1", "ben"));
  }

  @Test
  void untilAndGroupsAndStartIndex_areHonoured() {
    // Daily from Jun 1 09:00, groups [ann+ben] and [cat], starting with group 1 (cat), ending
    // Jun 3 21:00: Jun 1 cat, Jun 2 ann+ben, Jun 3 09:00-21:00 cat (clipped), then nothing.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .addGroup(u("ann"), u("ben")).addUsers(u("cat")).setStartUserIndex(1)
        .setUntil(LocalDateTime.of(2026, 6, 3, 21, 0)).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-06-01T00:00:00Z"), t("2026-06-05T00:00:00Z")))
        .containsExactly(
            gap("2026-06-01T00:00:00Z", "2026-06-01T09:00:00Z"),
            layer("2026-06-01T09:00:00Z", "2026-06-02T09:00:00Z", "L1", "cat"),
            layer("2026-06-02T09:00:00Z", "2026-06-03T09:00:00Z", "L1", "ann", "ben"),
            layer("2026-06-03T09:00:00Z", "2026-06-03T21:00:00Z", "L1", "cat"),
            gap("2026-06-03T21:00:00Z", "2026-06-05T00:00:00Z"));
  }
}
