package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.gap;
import static dev.obskit.incidents.oncall.Shifts.layer;
import static dev.obskit.incidents.oncall.Shifts.override;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * Grafana OnCall's rotation semantics (the iCal reading of each rule), every expectation worked
 * out by hand from the rule, most of them across a daylight saving change. Offsets used:
 * Europe/Paris CET +01:00 until 2026-03-29 02:00, CEST +02:00 after; America/New_York EST -05:00
 * until 2026-03-08 02:00, EDT -04:00 until 2026-11-01 02:00, EST after.
 */
class GrafanaRotationSemanticsTest {
  private static final DayOfWeek[] WEEKDAYS = {DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY};

  private static ScheduleService serviceWith(Schedule.Builder schedule) {
    ScheduleService service = ScheduleService.builder().build();
    service.create(schedule.build());
    return service;
  }

  private static ScheduleService serviceWith(Rotation rotation) {
    return serviceWith(Schedule.builder(TEAM, SCHEDULE).addLayer("L1", 1, rotation));
  }

  @Test
  void sameLevelOverlap_putsBothUsersOnCall_acrossSpringForward() {
    // New York. ann 09:00-17:00 local, bob 13:00-21:00 local, both at priority 1.
    // Mar 7 (EST): ann 14:00Z-22:00Z, bob 18:00Z-02:00Z. Mar 8 (EDT): ann 13-21Z, bob 17Z-01Z.
    Rotation ann = Rotation.builder().setZone("America/New_York").addUsers(u("ann"))
        .setStart(LocalDate.of(2026, 3, 1), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setShiftLength(Duration.ofHours(8)).build();
    Rotation bob = ann.toBuilder().clearUsers().addUsers(u("bob"))
        .setStart(LocalDate.of(2026, 3, 1), LocalTime.of(13, 0)).build();
    ScheduleService service = serviceWith(Schedule.builder(TEAM, SCHEDULE)
        .addLayer("L1", 1, ann).addLayer("L2", 1, bob));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-07T12:00:00Z"), t("2026-03-09T03:00:00Z")))
        .containsExactly(
            gap("2026-03-07T12:00:00Z", "2026-03-07T14:00:00Z"),
            layer("2026-03-07T14:00:00Z", "2026-03-07T18:00:00Z", "L1", "ann"),
            layer("2026-03-07T18:00:00Z", "2026-03-07T22:00:00Z", "L1, L2", "ann", "bob"),
            layer("2026-03-07T22:00:00Z", "2026-03-08T02:00:00Z", "L2", "bob"),
            gap("2026-03-08T02:00:00Z", "2026-03-08T13:00:00Z"),
            layer("2026-03-08T13:00:00Z", "2026-03-08T17:00:00Z", "L1", "ann"),
            layer("2026-03-08T17:00:00Z", "2026-03-08T21:00:00Z", "L1, L2", "ann", "bob"),
            layer("2026-03-08T21:00:00Z", "2026-03-09T01:00:00Z", "L2", "bob"),
            gap("2026-03-09T01:00:00Z", "2026-03-09T03:00:00Z"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-08T18:00:00Z")))
        .containsExactly(u("ann"), u("bob"));
  }

  @Test
  void sameLevelOverlap_higherLevelAndOverrideStillWin() {
    Rotation ann = Rotation.builder().setZone("UTC").addUsers(u("ann"))
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(0, 0)).setFrequency(Frequency.DAILY).build();
    Rotation bob = ann.toBuilder().clearUsers().addUsers(u("bob")).build();
    Rotation cat = ann.toBuilder().clearUsers().addUsers(u("cat"))
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(10, 0)).setShiftLength(Duration.ofHours(2))
        .build();
    ScheduleService service = serviceWith(Schedule.builder(TEAM, SCHEDULE)
        .addLayer("low-a", 1, ann).addLayer("low-b", 1, bob).addLayer("high", 2, cat));
    ScheduleOverride o = service.addOverride(TEAM, SCHEDULE, t("2026-06-01T14:00:00Z"),
        t("2026-06-01T15:00:00Z"), u("dan"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-06-01T08:00:00Z"), t("2026-06-01T16:00:00Z")))
        .containsExactly(
            layer("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z", "low-a, low-b", "ann", "bob"),
            layer("2026-06-01T10:00:00Z", "2026-06-01T12:00:00Z", "high", "cat"),
            layer("2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", "low-a, low-b", "ann", "bob"),
            override("2026-06-01T14:00:00Z", "2026-06-01T15:00:00Z", o.id().value(), "dan"),
            layer("2026-06-01T15:00:00Z", "2026-06-01T16:00:00Z", "low-a, low-b", "ann", "bob"));
  }

  @Test
  void dailyWeekdaysIntervalTwo_eachGroupCoversTwoMaskedDays_acrossSpringForward() {
    // Paris, Mon-Fri, every 2 days, hand-off 09:00, from Mon 2026-03-23:
    // ann Mon 23 + Tue 24, ben Wed 25 + Thu 26, cat Fri 27 + Mon 30, ann Tue 31 + Wed Apr 1,
    // ben Thu 2 + Fri 3. 09:00 CET = 08:00Z before Mar 29, 09:00 CEST = 07:00Z after.
    ScheduleService service = serviceWith(Rotation.builder().setZone("Europe/Paris")
        .setStart(LocalDate.of(2026, 3, 23), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setInterval(2).setByDay(WEEKDAYS).addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-23T08:00:00Z"), t("2026-04-04T07:00:00Z")))
        .containsExactly(
            layer("2026-03-23T08:00:00Z", "2026-03-25T08:00:00Z", "L1", "ann"),
            layer("2026-03-25T08:00:00Z", "2026-03-27T08:00:00Z", "L1", "ben"),
            layer("2026-03-27T08:00:00Z", "2026-03-28T08:00:00Z", "L1", "cat"),
            gap("2026-03-28T08:00:00Z", "2026-03-30T07:00:00Z"),
            layer("2026-03-30T07:00:00Z", "2026-03-31T07:00:00Z", "L1", "cat"),
            layer("2026-03-31T07:00:00Z", "2026-04-02T07:00:00Z", "L1", "ann"),
            layer("2026-04-02T07:00:00Z", "2026-04-04T07:00:00Z", "L1", "ben"));
  }

  @Test
  void dailyMaskIntervalTwo_farFromTheAnchor_countsMaskedDays() {
    // Same rule from Mon 2026-03-23; Mon 2026-05-04 is 6 weeks later: 30 masked days before it,
    // turn 30 / 2 = 15, 15 % 3 = 0: ann (Mon 4 + Tue 5), then ben on Wed 6.
    ScheduleService service = serviceWith(Rotation.builder().setZone("Europe/Paris")
        .setStart(LocalDate.of(2026, 3, 23), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setInterval(2).setByDay(WEEKDAYS).addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-05-04T12:00:00Z"))).containsExactly(u("ann"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-05-05T12:00:00Z"))).containsExactly(u("ann"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-05-06T12:00:00Z"))).containsExactly(u("ben"));
  }

  @Test
  void weeklyWeekendsEveryTwoWeeks_alternateWeeksHaveNobody_acrossFallBack() {
    // New York, Sat+Sun every 2 weeks from Thu 2026-10-15, hand-off 09:00, weeks from Monday:
    // ann Oct 17-18; week of Oct 19 nobody; ben Oct 31-Nov 1 (Sat 09:00 EDT = 13:00Z to
    // Mon 09:00 EST = 14:00Z, 49 hours); week of Nov 2 nobody; cat Nov 14-15 (14:00Z).
    ScheduleService service = serviceWith(Rotation.builder().setZone("America/New_York")
        .setStart(LocalDate.of(2026, 10, 15), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
        .setInterval(2).setByDay(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
        .addUsers(u("ann"), u("ben"), u("cat")).build());

    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-10-15T00:00:00Z"), t("2026-11-20T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-10-17T13:00:00Z", "2026-10-19T13:00:00Z", "L1", "ann"),
            layer("2026-10-31T13:00:00Z", "2026-11-02T14:00:00Z", "L1", "ben"),
            layer("2026-11-14T14:00:00Z", "2026-11-16T14:00:00Z", "L1", "cat"));
  }

  @Test
  void weeklyWeekdays_startingThursday_nextGroupTakesTheNextWeek() {
    // Grafana's "Weekdays Start Thursday Weekly": ann Thu+Fri, ben the whole next week.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2024, 8, 8), LocalTime.of(0, 0)).setFrequency(Frequency.WEEKLY)
        .setByDay(WEEKDAYS).setShiftLength(Duration.ofHours(8))
        .addUsers(u("ann"), u("ben"), u("cat")).build());

    FinalSchedule s = service.finalSchedule(TEAM, SCHEDULE, t("2024-08-08T00:00:00Z"), t("2024-08-22T00:00:00Z"));
    assertThat(s.whoIsOnCall(t("2024-08-09T01:00:00Z"))).containsExactly(u("ann"));
    assertThat(s.whoIsOnCall(t("2024-08-12T01:00:00Z"))).containsExactly(u("ben"));
    assertThat(s.whoIsOnCall(t("2024-08-16T01:00:00Z"))).containsExactly(u("ben"));
    assertThat(s.whoIsOnCall(t("2024-08-19T01:00:00Z"))).containsExactly(u("cat"));
    assertThat(s.onCallShifts()).hasSize(2 + 5 + 3);
  }

  @Test
  void weekStart_decidesWhichMaskedDaysShareAWeeklyTurn() {
    // Sat+Sun weekly from Sat 2026-06-06 09:00 UTC. Weeks from Monday: Sat 6 + Sun 7 are one
    // week (ann), Sat 13 + Sun 14 the next (ben). Weeks from Sunday: Sat 6 ends ann's week,
    // Sun 7 starts ben's, which ends with Sat 13; Sun 14 is ann's again.
    Rotation.Builder weekends = Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 6, 6), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
        .setByDay(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).addUsers(u("ann"), u("ben"));

    assertThat(serviceWith(weekends.build()).finalSchedule(TEAM, SCHEDULE, t("2026-06-06T00:00:00Z"),
        t("2026-06-16T00:00:00Z")).onCallShifts()).containsExactly(
            layer("2026-06-06T09:00:00Z", "2026-06-08T09:00:00Z", "L1", "ann"),
            layer("2026-06-13T09:00:00Z", "2026-06-15T09:00:00Z", "L1", "ben"));
    assertThat(serviceWith(weekends.setWeekStart(DayOfWeek.SUNDAY).build()).finalSchedule(TEAM,
        SCHEDULE, t("2026-06-06T00:00:00Z"), t("2026-06-16T00:00:00Z")).onCallShifts()).containsExactly(
            layer("2026-06-06T09:00:00Z", "2026-06-07T09:00:00Z", "L1", "ann"),
            layer("2026-06-07T09:00:00Z", "2026-06-08T09:00:00Z", "L1", "ben"),
            layer("2026-06-13T09:00:00Z", "2026-06-14T09:00:00Z", "L1", "ben"),
            layer("2026-06-14T09:00:00Z", "2026-06-15T09:00:00Z", "L1", "ann"));
  }

  @Test
  void monthlyWeekdays_turnsFollowCalendarMonths_acrossSpringForward() {
    // Paris, Mon-Fri monthly from Thu 2026-03-26 09:00: ann has the rest of March (Thu 26, Fri 27,
    // Mon 30, Tue 31), ben takes over on Wed Apr 1, the first masked day of April (not Apr 26).
    ScheduleService service = serviceWith(Rotation.builder().setZone("Europe/Paris")
        .setStart(LocalDate.of(2026, 3, 26), LocalTime.of(9, 0)).setFrequency(Frequency.MONTHLY)
        .setByDay(WEEKDAYS).addUsers(u("ann"), u("ben")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-26T08:00:00Z"), t("2026-04-06T07:00:00Z")))
        .containsExactly(
            layer("2026-03-26T08:00:00Z", "2026-03-28T08:00:00Z", "L1", "ann"),
            gap("2026-03-28T08:00:00Z", "2026-03-30T07:00:00Z"),
            layer("2026-03-30T07:00:00Z", "2026-04-01T07:00:00Z", "L1", "ann"),
            layer("2026-04-01T07:00:00Z", "2026-04-04T07:00:00Z", "L1", "ben"),
            gap("2026-04-04T07:00:00Z", "2026-04-06T07:00:00Z"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-05-04T12:00:00Z"))).containsExactly(u("ann"));
  }

  @Test
  void byMonthDay_firstToFourthOfEveryMonth_andLastDay() {
    // Paris, the 1st to the 4th, monthly from 2026-02-01 00:00: ann Feb 1-4 (CET, 23:00Z the day
    // before), ben Mar 1-4 (CET), ann Apr 1-4 (CEST, 22:00Z the day before).
    ScheduleService service = serviceWith(Rotation.builder().setZone("Europe/Paris")
        .setStart(LocalDate.of(2026, 2, 1), LocalTime.MIDNIGHT).setFrequency(Frequency.MONTHLY)
        .setByMonthDay(1, 2, 3, 4).addUsers(u("ann"), u("ben")).build());

    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-01-31T00:00:00Z"), t("2026-04-30T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-01-31T23:00:00Z", "2026-02-04T23:00:00Z", "L1", "ann"),
            layer("2026-02-28T23:00:00Z", "2026-03-04T23:00:00Z", "L1", "ben"),
            layer("2026-03-31T22:00:00Z", "2026-04-04T22:00:00Z", "L1", "ann"));

    // -1 is the last day of each month: Jan 31, Feb 28, Mar 31.
    ScheduleService last = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 1, 1), LocalTime.of(9, 0)).setFrequency(Frequency.MONTHLY)
        .setByMonthDay(-1).setShiftLength(Duration.ofHours(8)).addUsers(u("ann"), u("ben")).build());
    assertThat(last.finalSchedule(TEAM, SCHEDULE, t("2026-01-01T00:00:00Z"), t("2026-04-01T00:00:00Z"))
        .onCallShifts()).containsExactly(
            layer("2026-01-31T09:00:00Z", "2026-01-31T17:00:00Z", "L1", "ann"),
            layer("2026-02-28T09:00:00Z", "2026-02-28T17:00:00Z", "L1", "ben"),
            layer("2026-03-31T09:00:00Z", "2026-03-31T17:00:00Z", "L1", "ann"));
  }

  @Test
  void monthlyShift_asLongAsTheMonth_isAccepted() {
    // 720 h (30 days) from the 1st: ann Jan 1-31 00:00, nobody for Jan 31, ben Feb 1 - Mar 3,
    // overlapping ann's March turn from Mar 1 (same rotation, same level: both on call, listed in
    // the order their shifts started).
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 1, 1), LocalTime.MIDNIGHT).setFrequency(Frequency.MONTHLY)
        .setShiftLength(Duration.ofHours(720)).addUsers(u("ann"), u("ben")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-01-01T00:00:00Z"), t("2026-03-05T00:00:00Z")))
        .containsExactly(
            layer("2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z", "L1", "ann"),
            gap("2026-01-31T00:00:00Z", "2026-02-01T00:00:00Z"),
            layer("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "L1", "ben"),
            layer("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", "L1", "ben", "ann"),
            layer("2026-03-03T00:00:00Z", "2026-03-05T00:00:00Z", "L1", "ann"));
    assertThat(Rotation.builder().setZone("UTC").setStart(LocalDateTime.of(2026, 1, 1, 0, 0))
        .setFrequency(Frequency.MONTHLY).setShiftLength(Duration.ofHours(744)).addUsers(u("ann"))
        .build().shiftLength()).contains(Duration.ofHours(744));
  }

  @Test
  void untilBeforeStart_isValid_andYieldsNobody() {
    Rotation ended = Rotation.builder().setZone("Europe/Paris").addUsers(u("ann"))
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .setUntil(LocalDateTime.of(2026, 5, 1, 9, 0)).build();
    ScheduleService service = serviceWith(ended);

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-05-01T00:00:00Z"), t("2026-07-01T00:00:00Z")))
        .containsExactly(gap("2026-05-01T00:00:00Z", "2026-07-01T00:00:00Z"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-06-02T12:00:00Z"))).isEmpty();
  }

  @Test
  void finalSchedule_mergesAdjacentPiecesOfTheSameUser() {
    // Daily, one user: seven daily shifts are one week-long shift.
    ScheduleService service = serviceWith(Rotation.builder().setZone("UTC").addUsers(u("ann"))
        .setStart(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY).build());

    assertThat(service.finalSchedule(TEAM, SCHEDULE, t("2026-06-01T09:00:00Z"), t("2026-06-08T09:00:00Z"))
        .shifts()).containsExactly(layer("2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z", "L1", "ann"));
  }
}
