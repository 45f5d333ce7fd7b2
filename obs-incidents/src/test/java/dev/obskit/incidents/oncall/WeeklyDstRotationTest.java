package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.layer;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * Weekly and daily rotations across DST changes. Every expected instant below was worked out by
 * hand from the zone rules: Europe/Paris is UTC+1 (CET) and UTC+2 (CEST) from 2026-03-29 to
 * 2026-10-25; America/New_York is UTC-5 (EST) and UTC-4 (EDT) from 2026-03-08 to 2026-11-01.
 */
class WeeklyDstRotationTest {

  private static ScheduleService serviceWith(Rotation rotation) {
    ScheduleService service = ScheduleService.builder().build();
    service.create(Schedule.builder(TEAM, SCHEDULE).addLayer("L1", 1, rotation).build());
    return service;
  }

  private static Rotation weekly(String zone, LocalDate firstMonday, LocalTime handoff,
      String... users) {
    Rotation.Builder b = Rotation.builder().setZone(zone).setStart(firstMonday, handoff)
        .setFrequency(Frequency.WEEKLY);
    for (String user : users) {
      b.addUsers(u(user));
    }
    return b.build();
  }

  @Test
  void weeklyParis_acrossMarchChange_handoffStaysAt0900Local_shiftIs167Hours() {
    ScheduleService service = serviceWith(
        weekly("Europe/Paris", LocalDate.of(2026, 3, 16), LocalTime.of(9, 0), "alice", "bob", "carol"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-16T08:00:00Z"), t("2026-04-06T07:00:00Z")))
        .containsExactly(
            layer("2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z", "L1", "alice"),
            layer("2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z", "L1", "bob"),
            layer("2026-03-30T07:00:00Z", "2026-04-06T07:00:00Z", "L1", "carol"));
    FinalShift bob = service.finalShifts(TEAM, SCHEDULE, t("2026-03-24T00:00:00Z"),
        t("2026-03-24T00:00:01Z")).get(0);
    assertThat(Duration.between(t("2026-03-23T08:00:00Z"), t("2026-03-30T07:00:00Z")))
        .isEqualTo(Duration.ofHours(167));
    assertThat(bob.users()).containsExactly(u("bob"));
  }

  @Test
  void weeklyParis_acrossOctoberChange_shiftIs169Hours() {
    ScheduleService service = serviceWith(
        weekly("Europe/Paris", LocalDate.of(2026, 10, 12), LocalTime.of(9, 0), "alice", "bob", "carol"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-10-12T07:00:00Z"), t("2026-11-02T08:00:00Z")))
        .containsExactly(
            layer("2026-10-12T07:00:00Z", "2026-10-19T07:00:00Z", "L1", "alice"),
            layer("2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z", "L1", "bob"),
            layer("2026-10-26T08:00:00Z", "2026-11-02T08:00:00Z", "L1", "carol"));
  }

  @Test
  void weeklyParis_anchoredInMarch_isStillAt0900LocalInOctober() {
    // 2026-03-16 + 30 weeks = 2026-10-12, and 30 % 3 == 0, so alice again.
    ScheduleService service = serviceWith(
        weekly("Europe/Paris", LocalDate.of(2026, 3, 16), LocalTime.of(9, 0), "alice", "bob", "carol"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-10-12T07:00:00Z"), t("2026-10-26T08:00:00Z")))
        .containsExactly(
            layer("2026-10-12T07:00:00Z", "2026-10-19T07:00:00Z", "L1", "alice"),
            layer("2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z", "L1", "bob"));
  }

  @Test
  void weeklyNewYork_acrossMarchChange_shiftIs167Hours() {
    ScheduleService service = serviceWith(
        weekly("America/New_York", LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), "dave", "erin"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-02T15:00:00Z"), t("2026-03-16T14:00:00Z")))
        .containsExactly(
            layer("2026-03-02T15:00:00Z", "2026-03-09T14:00:00Z", "L1", "dave"),
            layer("2026-03-09T14:00:00Z", "2026-03-16T14:00:00Z", "L1", "erin"));
  }

  @Test
  void weeklyNewYork_acrossNovemberChange_shiftIs169Hours() {
    ScheduleService service = serviceWith(
        weekly("America/New_York", LocalDate.of(2026, 10, 26), LocalTime.of(10, 0), "dave", "erin"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-10-26T14:00:00Z"), t("2026-11-09T15:00:00Z")))
        .containsExactly(
            layer("2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z", "L1", "dave"),
            layer("2026-11-02T15:00:00Z", "2026-11-09T15:00:00Z", "L1", "erin"));
  }

  @Test
  void whoIsOnCall_aroundTheParisChange_answersFromLocalHandoff() {
    ScheduleService service = serviceWith(
        weekly("Europe/Paris", LocalDate.of(2026, 3, 16), LocalTime.of(9, 0), "alice", "bob", "carol"));

    // 2026-03-30 08:30 CEST = 06:30Z is still bob's; 09:00 CEST = 07:00Z is carol's.
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-30T06:30:00Z"))).containsExactly(u("bob"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-30T06:59:59Z"))).containsExactly(u("bob"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-30T07:00:00Z"))).containsExactly(u("carol"));
  }

  @Test
  void dailyNewYork_handoffInTheSpringGap_movesForwardAnHour() {
    // 02:30 does not exist on 2026-03-08 in New York: it becomes 03:30 EDT (07:30Z).
    Rotation rotation = Rotation.builder().setZone("America/New_York")
        .setStart(LocalDateTime.of(2026, 3, 7, 2, 30)).setFrequency(Frequency.DAILY)
        .addUsers(u("dave"), u("erin")).build();
    ScheduleService service = serviceWith(rotation);

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-07T07:30:00Z"), t("2026-03-10T06:30:00Z")))
        .containsExactly(
            layer("2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z", "L1", "dave"),
            layer("2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z", "L1", "erin"),
            layer("2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z", "L1", "dave"));
  }

  @Test
  void dailyParis_handoffInTheAutumnOverlap_takesTheEarlierOffset() {
    // 02:30 happens twice on 2026-10-25 in Paris; the first (CEST, 00:30Z) is used.
    Rotation rotation = Rotation.builder().setZone("Europe/Paris")
        .setStart(LocalDateTime.of(2026, 10, 24, 2, 30)).setFrequency(Frequency.DAILY)
        .addUsers(u("alice"), u("bob")).build();
    ScheduleService service = serviceWith(rotation);

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-10-24T00:30:00Z"), t("2026-10-26T01:30:00Z")))
        .containsExactly(
            layer("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "L1", "alice"),
            layer("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "L1", "bob"));
  }
}
