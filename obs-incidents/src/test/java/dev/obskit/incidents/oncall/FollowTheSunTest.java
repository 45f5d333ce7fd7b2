package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.gap;
import static dev.obskit.incidents.oncall.Shifts.layer;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three daily 09:00-17:00 layers in Tokyo (UTC+9, priority 3), London (priority 2) and Los Angeles
 * (priority 1), each alternating two people from Monday 2026-01-12. Expected shifts by hand:
 * Tokyo is 00:00-08:00Z; London 09:00-17:00Z in winter; LA 17:00-01:00Z (PST) or 16:00-00:00Z
 * (PDT, from 2026-03-08). LA's evening overlaps Tokyo's morning in winter and London's afternoon in
 * March, and loses both times to the higher priority; 08:00-09:00Z is a gap every day.
 */
class FollowTheSunTest {
  private ScheduleService service;

  @BeforeEach
  void setUp() {
    service = ScheduleService.builder().build();
    service.create(Schedule.builder(TEAM, SCHEDULE)
        .addLayer("tokyo", 3, office("Asia/Tokyo", "yuki", "kenji"))
        .addLayer("london", 2, office("Europe/London", "olivia", "harry"))
        .addLayer("los-angeles", 1, office("America/Los_Angeles", "mia", "noah"))
        .build());
  }

  private static Rotation office(String zone, String first, String second) {
    return Rotation.builder().setZone(zone).setStart(LocalDate.of(2026, 1, 12), LocalTime.of(9, 0))
        .setFrequency(Frequency.DAILY).setShiftLength(Duration.ofHours(8))
        .addUsers(u(first), u(second)).build();
  }

  @Test
  void winter_higherLayersClipLowerOnes_andGapsAreReported() {
    FinalSchedule schedule = service.finalSchedule(TEAM, SCHEDULE, t("2026-01-12T00:00:00Z"),
        t("2026-01-14T00:00:00Z"));

    assertThat(schedule.shifts()).containsExactly(
        layer("2026-01-12T00:00:00Z", "2026-01-12T08:00:00Z", "tokyo", "yuki"),
        gap("2026-01-12T08:00:00Z", "2026-01-12T09:00:00Z"),
        layer("2026-01-12T09:00:00Z", "2026-01-12T17:00:00Z", "london", "olivia"),
        layer("2026-01-12T17:00:00Z", "2026-01-13T00:00:00Z", "los-angeles", "mia"),
        layer("2026-01-13T00:00:00Z", "2026-01-13T08:00:00Z", "tokyo", "kenji"),
        gap("2026-01-13T08:00:00Z", "2026-01-13T09:00:00Z"),
        layer("2026-01-13T09:00:00Z", "2026-01-13T17:00:00Z", "london", "harry"),
        layer("2026-01-13T17:00:00Z", "2026-01-14T00:00:00Z", "los-angeles", "noah"));
    assertThat(schedule.gaps()).containsExactly(
        gap("2026-01-12T08:00:00Z", "2026-01-12T09:00:00Z"),
        gap("2026-01-13T08:00:00Z", "2026-01-13T09:00:00Z"));
    assertThat(schedule.coverage()).isEqualTo(46.0 / 48.0);
    assertThat(schedule.onCallTimeByUser()).containsExactly(
        entry(u("yuki"), Duration.ofHours(8)), entry(u("olivia"), Duration.ofHours(8)),
        entry(u("mia"), Duration.ofHours(7)), entry(u("kenji"), Duration.ofHours(8)),
        entry(u("harry"), Duration.ofHours(8)), entry(u("noah"), Duration.ofHours(7)));
  }

  @Test
  void march_losAngelesOnDaylightTime_isClippedByLondon() {
    // 2026-01-12 + 63 days = 2026-03-16: odd index, so the second person everywhere.
    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-16T00:00:00Z"), t("2026-03-17T00:00:00Z")))
        .containsExactly(
            layer("2026-03-16T00:00:00Z", "2026-03-16T08:00:00Z", "tokyo", "kenji"),
            gap("2026-03-16T08:00:00Z", "2026-03-16T09:00:00Z"),
            layer("2026-03-16T09:00:00Z", "2026-03-16T17:00:00Z", "london", "harry"),
            layer("2026-03-16T17:00:00Z", "2026-03-17T00:00:00Z", "los-angeles", "noah"));
  }

  @Test
  void whoIsOnCall_followsTheSun_andIsEmptyInTheGap() {
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-01-12T03:00:00Z"))).containsExactly(u("yuki"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-01-12T08:30:00Z"))).isEmpty();
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-01-12T12:00:00Z"))).containsExactly(u("olivia"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-01-12T23:59:59Z"))).containsExactly(u("mia"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-01-13T00:00:00Z"))).containsExactly(u("kenji"));
  }
}
