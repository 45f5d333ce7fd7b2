package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Builders and value types reject bad values with messages that name them. */
class ScheduleValidationTest {

  private static Rotation.Builder valid() {
    return Rotation.builder().setZone("UTC").setStart(LocalDate.of(2026, 1, 5), LocalTime.of(9, 0))
        .setFrequency(Frequency.WEEKLY).addUsers(u("ann"));
  }

  @Test
  void rotation_badValues_areNamed() {
    assertThatThrownBy(() -> valid().setInterval(0).build())
        .hasMessage("interval must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> valid().setInterval(1001).build())
        .hasMessage("interval must be between 1 and 1000, got 1001");
    assertThatThrownBy(() -> Rotation.builder().setZone("UTC").setStart(LocalDateTime.MIN)
        .setFrequency(Frequency.DAILY).build())
        .hasMessage("a rotation needs at least one user");
    assertThatThrownBy(() -> valid().setZone("Mars/Olympus_Mons"))
        .hasMessage("zone is not a valid time zone id: \"Mars/Olympus_Mons\"");
    assertThatThrownBy(() -> valid().setShiftLength(Duration.ofDays(8)).build())
        .hasMessage("shiftLength must be at most PT168H for WEEKLY every 1, got PT192H");
    assertThatThrownBy(() -> valid().setShiftLength(Duration.ofHours(-1)).build())
        .hasMessage("shiftLength must be positive, got PT-1H");
    assertThatThrownBy(() -> valid().setByDay(DayOfWeek.MONDAY).setShiftLength(Duration.ofHours(25))
        .build())
        .hasMessage("shiftLength must be at most PT24H when a day filter splits WEEKLY turns into"
            + " days, got PT25H");
    assertThatThrownBy(() -> valid().setByMonthDay(1).build())
        .hasMessage("byMonthDay applies to DAILY and MONTHLY rotations only, got WEEKLY");
    assertThatThrownBy(() -> valid().setFrequency(Frequency.MONTHLY).setByMonthDay(0).build())
        .hasMessage("byMonthDay values must be 1 to 31 or -31 to -1, got 0");
    assertThatThrownBy(() -> valid().setFrequency(Frequency.MONTHLY).setByMonthDay(32).build())
        .hasMessage("byMonthDay values must be 1 to 31 or -31 to -1, got 32");
    assertThatThrownBy(() -> valid().setFrequency(Frequency.MONTHLY)
        .setShiftLength(Duration.ofDays(31).plusMinutes(1)).build())
        .hasMessage("shiftLength must be at most PT744H for MONTHLY every 1, got PT744H1M");
    assertThatThrownBy(() -> valid().setStartUserIndex(3).build())
        .hasMessage("startUserIndex must be between 0 and 0, got 3");
    assertThatThrownBy(() -> valid().addGroup(u("bob"), u("bob")).build())
        .hasMessage("user group 1 lists a user twice: [bob, bob]");
    assertThatThrownBy(() -> valid().addGroup().build()).hasMessage("user group 1 is empty");
    assertThatThrownBy(() -> Rotation.builder().addUsers(u("ann")).build()).hasMessage("zone must be set");
    assertThatThrownBy(() -> valid().setZone((java.time.ZoneId) null)).hasMessage("zone");
  }

  @Test
  void layerAndSchedule_badValues_areNamed() {
    Rotation rotation = valid().build();
    assertThatThrownBy(() -> Layer.of(" ", 1, rotation)).hasMessage("name must not be blank");
    assertThatThrownBy(() -> Layer.of("L", -1, rotation))
        .hasMessage("priority must be between 0 and 1000, got -1");
    assertThatThrownBy(() -> Schedule.builder(TEAM, SCHEDULE).addLayer("L", 1, rotation)
        .addLayer("L", 2, rotation).build())
        .hasMessage("duplicate layer \"L\"");
    assertThatThrownBy(() -> new ScheduleOverride(OverrideId.of("o"), t("2026-01-01T00:00:00Z"),
        t("2026-01-01T00:00:00Z"), List.of(u("ann")), "manual"))
        .hasMessage("override o: end must be after start 2026-01-01T00:00:00Z, got 2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new ScheduleOverride(OverrideId.of("o"), t("2026-01-01T00:00:00Z"),
        t("2026-01-02T00:00:00Z"), List.of(), "manual"))
        .hasMessage("override o needs at least one user");
    assertThatThrownBy(() -> new ScheduleOverride(OverrideId.of("o"), t("2026-01-01T00:00:00Z"),
        t("2028-01-02T00:00:00Z"), List.of(u("ann")), "manual"))
        .hasMessageStartingWith("override o: must last at most PT8784H");
  }

  @Test
  void finalSchedule_badWindow_isRefused() {
    ScheduleService service = ScheduleService.builder().build();
    service.create(Schedule.builder(TEAM, SCHEDULE).addLayer("L", 1, valid().build()).build());
    assertThatThrownBy(() -> service.finalSchedule(TEAM, SCHEDULE, t("2026-01-02T00:00:00Z"),
        t("2026-01-01T00:00:00Z")))
        .hasMessage("to must be after from 2026-01-02T00:00:00Z, got 2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> service.finalSchedule(TEAM, SCHEDULE, t("2026-01-01T00:00:00Z"),
        t("2036-01-01T00:00:00Z")))
        .hasMessageStartingWith("window must be at most PT26352H");
  }

  @Test
  void config_badValues_areNamed() {
    assertThatThrownBy(() -> OnCallConfig.builder().setCacheHorizon(Duration.ofMinutes(1)).build())
        .hasMessage("cacheHorizon must be between PT1H and PT26352H, got PT1M");
  }
}
