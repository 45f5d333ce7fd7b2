package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.layer;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.time.ManualClock;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Editing a started rotation keeps who was on call in the past. */
class ChangeRotationTest {

  @Test
  void changeRotation_keepsThePast_andAppliesTheNewUsersFromNow() {
    ManualClock clock = ManualClock.startingAt("2026-03-18T12:00:00Z");
    ScheduleService service = ScheduleService.builder().setClock(clock).build();
    Rotation daily = Rotation.builder().setZone("UTC")
        .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
        .addUsers(u("alice"), u("bob")).build();
    service.create(Schedule.builder(TEAM, SCHEDULE).addLayer("L1", 1, daily).build());

    // Same anchor, new people: from now on carol and dave (Mar 18 is turn 2, so carol).
    service.changeRotation(TEAM, SCHEDULE, "L1",
        daily.toBuilder().clearUsers().addUsers(u("carol"), u("dave")).build());

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-16T09:00:00Z"), t("2026-03-20T09:00:00Z")))
        .containsExactly(
            layer("2026-03-16T09:00:00Z", "2026-03-17T09:00:00Z", "L1 (until 2026-03-18T12:00:00Z)", "alice"),
            layer("2026-03-17T09:00:00Z", "2026-03-18T09:00:00Z", "L1 (until 2026-03-18T12:00:00Z)", "bob"),
            layer("2026-03-18T09:00:00Z", "2026-03-18T12:00:00Z", "L1 (until 2026-03-18T12:00:00Z)", "alice"),
            layer("2026-03-18T12:00:00Z", "2026-03-19T09:00:00Z", "L1", "carol"),
            layer("2026-03-19T09:00:00Z", "2026-03-20T09:00:00Z", "L1", "dave"));
    assertThatThrownBy(() -> service.changeRotation(TEAM, SCHEDULE, "nope", daily))
        .hasMessage("schedule primary has no layer \"nope\"");
  }
}
