package dev.obskit.uptime.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecurringWindowTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static boolean covers(RecurringWindow w, String instant) {
    return w.covers(Instant.parse(instant));
  }

  @Test
  void springForward_window01to03_lastsOneRealHour() {
    // 2026-03-29 is a Sunday; Berlin jumps from 02:00 CET to 03:00 CEST (01:00Z).
    RecurringWindow w = new RecurringWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0),
        LocalTime.of(3, 0), BERLIN);
    assertThat(covers(w, "2026-03-28T23:59:59Z")).isFalse(); // 00:59:59 CET
    assertThat(covers(w, "2026-03-29T00:00:00Z")).isTrue();  // 01:00 CET
    assertThat(covers(w, "2026-03-29T00:59:59Z")).isTrue();  // 01:59:59 CET
    assertThat(covers(w, "2026-03-29T01:00:00Z")).isFalse(); // 03:00 CEST
  }

  @Test
  void fallBack_window02to03_lastsTwoRealHours() {
    // 2026-10-25 is a Sunday; Berlin repeats 02:00-03:00 (CEST at 00:00Z, then CET at 01:00Z).
    RecurringWindow w = new RecurringWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0),
        LocalTime.of(3, 0), BERLIN);
    assertThat(covers(w, "2026-10-24T23:59:59Z")).isFalse(); // 01:59:59 CEST
    assertThat(covers(w, "2026-10-25T00:00:00Z")).isTrue();  // 02:00 CEST
    assertThat(covers(w, "2026-10-25T00:59:59Z")).isTrue();  // 02:59:59 CEST
    assertThat(covers(w, "2026-10-25T01:30:00Z")).isTrue();  // 02:30 CET (repeated hour)
    assertThat(covers(w, "2026-10-25T02:00:00Z")).isFalse(); // 03:00 CET
  }

  @Test
  void summerAndWinter_sameLocalTime_differentUtc() {
    RecurringWindow w = new RecurringWindow(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
        LocalTime.of(10, 0), BERLIN);
    assertThat(covers(w, "2026-01-05T08:30:00Z")).isTrue();  // 09:30 CET
    assertThat(covers(w, "2026-07-06T07:30:00Z")).isTrue();  // 09:30 CEST
    assertThat(covers(w, "2026-07-06T08:30:00Z")).isFalse(); // 10:30 CEST
  }

  @Test
  void overnightWindow_spillsIntoNextDay() {
    RecurringWindow w = new RecurringWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(23, 0),
        LocalTime.of(1, 0), ZoneId.of("UTC"));
    assertThat(covers(w, "2026-03-06T23:00:00Z")).isTrue();  // Friday 23:00
    assertThat(covers(w, "2026-03-07T00:30:00Z")).isTrue();  // Saturday 00:30
    assertThat(covers(w, "2026-03-07T01:00:00Z")).isFalse();
    assertThat(covers(w, "2026-03-05T23:30:00Z")).isFalse(); // Thursday
    assertThat(covers(w, "2026-03-06T00:30:00Z")).isFalse(); // Friday early (Thursday not set)
  }

  @Test
  void oneOff_isHalfOpen_andValidated() {
    OneOffWindow w = new OneOffWindow(Instant.parse("2026-03-01T00:00:00Z"),
        Instant.parse("2026-03-01T02:00:00Z"));
    assertThat(w.covers(Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
    assertThat(w.covers(Instant.parse("2026-03-01T02:00:00Z"))).isFalse();
    assertThatThrownBy(() -> new OneOffWindow(w.end(), w.start()))
        .hasMessageContaining("must be after start");
    assertThatThrownBy(() -> new RecurringWindow(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT,
        BERLIN)).hasMessageContaining("at least one day");
  }
}
