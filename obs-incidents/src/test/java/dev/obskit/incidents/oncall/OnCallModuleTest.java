package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.oncall.ical.OnCallCalendars;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The module registers the schedules as the kit's on-call directory. */
class OnCallModuleTest {

  @Test
  void module_registersTheDirectory_thatAnswersFromTheSchedules() {
    ManualClock clock = ManualClock.startingAt("2026-03-20T00:00:00Z");
    try (ObsKit kit = ObsKit.builder().setClock(clock).addModule(OnCallModule::create).build().start()) {
      ScheduleService schedules = kit.module(OnCallModule.class).schedules();
      schedules.create(Schedule.builder(TEAM, SCHEDULE)
          .addLayer("L1", 1, Rotation.builder().setZone("UTC")
              .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
              .addUsers(u("alice"), u("bob")).build())
          .build());

      OnCallDirectory directory = kit.context().lookup(OnCallDirectory.class).orElseThrow();

      // Mar 16 alice, 17 bob, 18 alice, 19 bob (09:00 to 09:00 UTC).
      assertThat(directory.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-20T08:59:59Z"))).containsExactly(u("bob"));
      assertThat(kit.context().lookup(OnCallCalendars.class)).isPresent();
      assertThat(kit.module(OnCallModule.class).name()).isEqualTo("oncall");
    }
  }
}
