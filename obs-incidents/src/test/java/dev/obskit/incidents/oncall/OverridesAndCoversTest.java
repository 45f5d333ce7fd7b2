package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.covered;
import static dev.obskit.incidents.oncall.Shifts.gap;
import static dev.obskit.incidents.oncall.Shifts.layer;
import static dev.obskit.incidents.oncall.Shifts.override;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.time.ManualClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Overrides and an accepted cover request on top of a weekly Paris rotation (alice, bob, carol from
 * Monday 2026-03-16 09:00 CET); bob's week is 2026-03-23T08:00Z to 2026-03-30T07:00Z (see
 * {@link WeeklyDstRotationTest}). Ids come from a sequential generator: id-1, id-2, ...
 */
class OverridesAndCoversTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-20T00:00:00Z");
  private ScheduleService service;

  @BeforeEach
  void setUp() {
    service = ScheduleService.builder().setClock(clock).setIdGenerator(IdGenerator.sequential("id"))
        .build();
    service.create(Schedule.builder(TEAM, SCHEDULE)
        .addLayer("L1", 1, Rotation.builder().setZone("Europe/Paris")
            .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
            .addUsers(u("alice"), u("bob"), u("carol")).build())
        .build());
  }

  @Test
  void overridesAndAcceptedCover_areAppliedBeforeTheLayer_laterOverrideWins() {
    service.addOverride(TEAM, SCHEDULE, t("2026-03-25T12:00:00Z"), t("2026-03-25T18:00:00Z"), u("dave")); // id-1
    service.addOverride(TEAM, SCHEDULE, t("2026-03-25T15:00:00Z"), t("2026-03-25T16:00:00Z"), u("frank")); // id-2
    CoverRequest cover = service.requestCover(TEAM, SCHEDULE, u("bob"), t("2026-03-27T00:00:00Z"),
        t("2026-03-28T00:00:00Z"), "dentist"); // id-3
    service.acceptCover(TEAM, SCHEDULE, cover.id(), u("carol"));
    service.addOverride(TEAM, SCHEDULE, t("2026-03-27T10:00:00Z"), t("2026-03-27T11:00:00Z"), u("erin")); // id-4

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-23T08:00:00Z"), t("2026-03-30T07:00:00Z")))
        .containsExactly(
            layer("2026-03-23T08:00:00Z", "2026-03-25T12:00:00Z", "L1", "bob"),
            override("2026-03-25T12:00:00Z", "2026-03-25T15:00:00Z", "id-1", "dave"),
            override("2026-03-25T15:00:00Z", "2026-03-25T16:00:00Z", "id-2", "frank"),
            override("2026-03-25T16:00:00Z", "2026-03-25T18:00:00Z", "id-1", "dave"),
            layer("2026-03-25T18:00:00Z", "2026-03-27T00:00:00Z", "L1", "bob"),
            covered("2026-03-27T00:00:00Z", "2026-03-27T10:00:00Z", "L1", "id-3", "carol"),
            override("2026-03-27T10:00:00Z", "2026-03-27T11:00:00Z", "id-4", "erin"),
            covered("2026-03-27T11:00:00Z", "2026-03-28T00:00:00Z", "L1", "id-3", "carol"),
            layer("2026-03-28T00:00:00Z", "2026-03-30T07:00:00Z", "L1", "bob"));
  }

  @Test
  void pendingCover_changesNothing() {
    service.requestCover(TEAM, SCHEDULE, u("bob"), t("2026-03-27T00:00:00Z"), t("2026-03-28T00:00:00Z"), "");

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-27T00:00:00Z"), t("2026-03-28T00:00:00Z")))
        .containsExactly(layer("2026-03-27T00:00:00Z", "2026-03-28T00:00:00Z", "L1", "bob"));
  }

  @Test
  void coverAcrossAHandoff_substitutesOnlyTheRequester() {
    // bob asks for 2026-03-29T12:00Z..2026-03-30T12:00Z; his shift ends 03-30 07:00Z, then carol's.
    CoverRequest cover = service.requestCover(TEAM, SCHEDULE, u("bob"), t("2026-03-29T12:00:00Z"),
        t("2026-03-30T12:00:00Z"), "", Optional.of(u("alice")));
    service.acceptCover(TEAM, SCHEDULE, cover.id(), u("alice"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-29T00:00:00Z"), t("2026-03-31T00:00:00Z")))
        .containsExactly(
            layer("2026-03-29T00:00:00Z", "2026-03-29T12:00:00Z", "L1", "bob"),
            covered("2026-03-29T12:00:00Z", "2026-03-30T07:00:00Z", "L1", "id-1", "alice"),
            layer("2026-03-30T07:00:00Z", "2026-03-31T00:00:00Z", "L1", "carol"));
  }

  @Test
  void overrideOnALimitedLayer_fillsTheGapAndGapsShrink() {
    service.update(service.get(TEAM, SCHEDULE).toBuilder().clearLayers()
        .addLayer("business", 1, Rotation.builder().setZone("UTC")
            .setStart(LocalDate.of(2026, 3, 23), LocalTime.of(9, 0)).setFrequency(Frequency.DAILY)
            .setShiftLength(Duration.ofHours(8)).addUsers(u("alice")).build())
        .build());
    service.addOverride(TEAM, SCHEDULE, t("2026-03-23T16:00:00Z"), t("2026-03-23T20:00:00Z"), u("bob"));

    assertThat(service.finalShifts(TEAM, SCHEDULE, t("2026-03-23T00:00:00Z"), t("2026-03-24T00:00:00Z")))
        .containsExactly(
            gap("2026-03-23T00:00:00Z", "2026-03-23T09:00:00Z"),
            layer("2026-03-23T09:00:00Z", "2026-03-23T16:00:00Z", "business", "alice"),
            override("2026-03-23T16:00:00Z", "2026-03-23T20:00:00Z", "id-1", "bob"),
            gap("2026-03-23T20:00:00Z", "2026-03-24T00:00:00Z"));
  }

  @Test
  void removeOverride_restoresTheLayer_andTheCachedAnswer() {
    ScheduleOverride o = service.addOverride(TEAM, SCHEDULE, t("2026-03-25T12:00:00Z"),
        t("2026-03-25T18:00:00Z"), u("dave"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-25T13:00:00Z"))).containsExactly(u("dave"));

    assertThat(service.removeOverride(TEAM, SCHEDULE, o.id())).isTrue();

    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-25T13:00:00Z"))).containsExactly(u("bob"));
    assertThat(service.removeOverride(TEAM, SCHEDULE, o.id())).isFalse();
  }
}
