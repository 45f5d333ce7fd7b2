package dev.obskit.incidents.oncall;

import static dev.obskit.incidents.oncall.Shifts.SCHEDULE;
import static dev.obskit.incidents.oncall.Shifts.TEAM;
import static dev.obskit.incidents.oncall.Shifts.t;
import static dev.obskit.incidents.oncall.Shifts.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cover request states on a {@link ManualClock}; bob is on call all week of 2026-03-23 (UTC). */
class CoverRequestTest {
  private final ManualClock clock = ManualClock.startingAt("2026-03-20T00:00:00Z");
  private ScheduleService service;

  @BeforeEach
  void setUp() {
    service = ScheduleService.builder().setClock(clock).setIdGenerator(IdGenerator.sequential("id"))
        .build();
    service.create(Schedule.builder(TEAM, SCHEDULE)
        .addLayer("L1", 1, Rotation.builder().setZone("UTC")
            .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
            .addUsers(u("alice"), u("bob")).build())
        .build());
  }

  private CoverRequest bobAsks(Optional<String> asked) {
    return service.requestCover(TEAM, SCHEDULE, u("bob"), t("2026-03-25T00:00:00Z"),
        t("2026-03-26T00:00:00Z"), "school play", asked.map(Shifts::u));
  }

  @Test
  void request_isPendingUntilItsStart_thenExpired() {
    CoverRequest request = bobAsks(Optional.empty());
    assertThat(request.state()).isEqualTo(CoverState.PENDING);
    assertThat(request.expiresAt()).isEqualTo(t("2026-03-25T00:00:00Z"));

    clock.setInstant(t("2026-03-24T23:59:59Z"));
    assertThat(service.coverRequest(TEAM, SCHEDULE, request.id()).orElseThrow().state())
        .isEqualTo(CoverState.PENDING);

    clock.advance(Duration.ofSeconds(1));
    assertThat(service.coverRequest(TEAM, SCHEDULE, request.id()).orElseThrow().state())
        .isEqualTo(CoverState.EXPIRED);
    assertThatThrownBy(() -> service.acceptCover(TEAM, SCHEDULE, request.id(), u("alice")))
        .isInstanceOf(CoverRequestException.class)
        .hasMessage("cannot accept cover request id-1: it is EXPIRED since 2026-03-25T00:00:00Z");
  }

  @Test
  void expireCoverRequests_persistsExpiry_once() {
    CoverRequest request = bobAsks(Optional.empty());
    long version = service.get(TEAM, SCHEDULE).version();
    clock.setInstant(t("2026-03-26T00:00:00Z"));

    assertThat(service.expireCoverRequests(TEAM, SCHEDULE)).isEqualTo(1);
    assertThat(service.expireCoverRequests(TEAM, SCHEDULE)).isZero();

    Schedule stored = service.get(TEAM, SCHEDULE);
    assertThat(stored.version()).isEqualTo(version + 1);
    assertThat(stored.coverRequests().get(0).state()).isEqualTo(CoverState.EXPIRED);
    assertThat(stored.coverRequests().get(0).decidedAt()).contains(t("2026-03-25T00:00:00Z"));
    assertThat(stored.coverRequests().get(0).id()).isEqualTo(request.id());
  }

  @Test
  void accept_byAnyoneButTheRequester_putsThemOnCall() {
    CoverRequest request = bobAsks(Optional.empty());
    assertThatThrownBy(() -> service.acceptCover(TEAM, SCHEDULE, request.id(), u("bob")))
        .isInstanceOf(CoverRequestException.class)
        .hasMessage("bob cannot accept their own cover request id-1");

    CoverRequest accepted = service.acceptCover(TEAM, SCHEDULE, request.id(), u("carol"));

    assertThat(accepted.state()).isEqualTo(CoverState.ACCEPTED);
    assertThat(accepted.coveredBy()).contains(u("carol"));
    assertThat(accepted.decidedAt()).contains(t("2026-03-20T00:00:00Z"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-25T12:00:00Z"))).containsExactly(u("carol"));
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-26T00:00:00Z"))).containsExactly(u("bob"));
    // Accepted is final: it never expires and cannot be answered again.
    clock.setInstant(t("2026-04-01T00:00:00Z"));
    assertThat(service.coverRequest(TEAM, SCHEDULE, request.id()).orElseThrow().state())
        .isEqualTo(CoverState.ACCEPTED);
    assertThatThrownBy(() -> service.acceptCover(TEAM, SCHEDULE, request.id(), u("dave")))
        .hasMessageContaining("it is ACCEPTED");
  }

  @Test
  void addressedRequest_onlyTheAskedUserMayAnswer_andRejectIsFinal() {
    CoverRequest request = bobAsks(Optional.of("alice"));
    assertThatThrownBy(() -> service.acceptCover(TEAM, SCHEDULE, request.id(), u("carol")))
        .isInstanceOf(CoverRequestException.class)
        .hasMessage("cover request id-1 was addressed to alice, not carol");

    CoverRequest rejected = service.rejectCover(TEAM, SCHEDULE, request.id(), u("alice"));

    assertThat(rejected.state()).isEqualTo(CoverState.REJECTED);
    assertThat(service.whoIsOnCall(TEAM, SCHEDULE, t("2026-03-25T12:00:00Z"))).containsExactly(u("bob"));
    assertThatThrownBy(() -> service.acceptCover(TEAM, SCHEDULE, request.id(), u("alice")))
        .hasMessage("cannot accept cover request id-1: it is REJECTED");
  }

  @Test
  void openRequest_cannotBeRejected_butCanBeWithdrawnByTheRequester() {
    CoverRequest request = bobAsks(Optional.empty());
    assertThatThrownBy(() -> service.rejectCover(TEAM, SCHEDULE, request.id(), u("alice")))
        .isInstanceOf(CoverRequestException.class)
        .hasMessageContaining("open to anyone");
    assertThatThrownBy(() -> service.withdrawCover(TEAM, SCHEDULE, request.id(), u("alice")))
        .hasMessage("alice cannot withdraw cover request id-1 of bob");

    assertThat(service.withdrawCover(TEAM, SCHEDULE, request.id(), u("bob"))).isTrue();
    assertThat(service.coverRequests(TEAM, SCHEDULE)).isEmpty();
  }

  @Test
  void request_whenRequesterIsNotOnCall_orInThePast_isRefused() {
    assertThatThrownBy(() -> service.requestCover(TEAM, SCHEDULE, u("alice"),
        t("2026-03-25T00:00:00Z"), t("2026-03-26T00:00:00Z"), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alice is not on call in schedule primary between 2026-03-25T00:00:00Z and "
            + "2026-03-26T00:00:00Z, so there is nothing to cover");
    assertThatThrownBy(() -> service.requestCover(TEAM, SCHEDULE, u("alice"),
        t("2026-03-19T00:00:00Z"), t("2026-03-19T12:00:00Z"), ""))
        .hasMessage("cover window must start in the future (now 2026-03-20T00:00:00Z), got "
            + "2026-03-19T00:00:00Z");
    assertThatThrownBy(() -> service.requestCover(TEAM, SCHEDULE, u("bob"),
        t("2026-03-26T00:00:00Z"), t("2026-03-25T00:00:00Z"), ""))
        .hasMessageContaining("end must be after start 2026-03-26T00:00:00Z, got 2026-03-25T00:00:00Z");
    assertThatThrownBy(() -> service.requestCover(TEAM, SCHEDULE, u("bob"),
        t("2026-03-25T00:00:00Z"), t("2026-03-26T00:00:00Z"), "", Optional.of(u("bob"))))
        .hasMessageContaining("bob cannot ask themselves");
    assertThatThrownBy(() -> service.requestCover(TEAM, SCHEDULE, u("bob"),
        t("2026-03-25T00:00:00Z"), t("2026-03-26T00:00:00Z"), "x".repeat(3001)))
        .hasMessage("description must be at most 3000 characters, got 3001");
  }

  @Test
  void unknownRequest_isAClearError() {
    assertThatThrownBy(() -> service.acceptCover(TEAM, SCHEDULE, CoverRequestId.of("nope"), u("alice")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schedule primary has no cover request nope");
  }

  @Test
  void reminders_fallDueAtGrafanasOffsets_onceEach_untilTheRequestIsAnswered() {
    // Asked Mar 20 00:00 for Mar 25 00:00: the 4, 3, 2 and 1 week points are before the request
    // was made; 3 days = Mar 22 00:00, 2 days = Mar 23, 1 day = Mar 24, 12 hours = Mar 24 12:00.
    CoverRequest request = bobAsks(Optional.empty());
    Instant lastTick = clock.instant();

    clock.setInstant(t("2026-03-21T23:59:59Z"));
    assertThat(service.coverRemindersDue(TEAM, SCHEDULE, lastTick)).isEmpty();
    clock.setInstant(t("2026-03-22T00:00:00Z"));
    assertThat(service.coverRemindersDue(TEAM, SCHEDULE, lastTick))
        .containsExactly(new CoverReminder(request, t("2026-03-22T00:00:00Z"), Duration.ofDays(3)));
    lastTick = clock.instant();

    clock.setInstant(t("2026-03-24T06:00:00Z"));
    assertThat(service.coverRemindersDue(TEAM, SCHEDULE, lastTick))
        .extracting(CoverReminder::remindAt, CoverReminder::beforeStart)
        .containsExactly(tuple(t("2026-03-23T00:00:00Z"), Duration.ofDays(2)),
            tuple(t("2026-03-24T00:00:00Z"), Duration.ofDays(1)));
    lastTick = clock.instant();

    service.acceptCover(TEAM, SCHEDULE, request.id(), u("alice"));
    clock.setInstant(t("2026-03-24T13:00:00Z"));
    assertThat(service.coverRemindersDue(TEAM, SCHEDULE, lastTick)).isEmpty();
  }

  @Test
  void reminders_stopWhenThePendingRequestExpires() {
    bobAsks(Optional.empty());
    clock.setInstant(t("2026-03-25T00:00:00Z"));
    assertThat(service.coverRemindersDue(TEAM, SCHEDULE, t("2026-03-20T00:00:00Z"))).isEmpty();
    assertThat(service.expireCoverRequests(TEAM, SCHEDULE)).isEqualTo(1);
  }
}
