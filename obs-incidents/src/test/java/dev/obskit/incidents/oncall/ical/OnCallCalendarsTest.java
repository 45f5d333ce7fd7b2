package dev.obskit.incidents.oncall.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.oncall.FinalShift;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleOverride;
import dev.obskit.incidents.oncall.ScheduleService;
import dev.obskit.incidents.oncall.ShiftSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** iCal export (read back with biweekly, independently of our writer) and override import. */
class OnCallCalendarsTest {
  private static final TeamId TEAM = TeamId.of("sre");
  private static final ScheduleId PRIMARY = ScheduleId.of("primary");
  private static final ScheduleId MIRROR = ScheduleId.of("mirror");

  private final ManualClock clock = ManualClock.startingAt("2026-03-20T00:00:00Z");
  private ScheduleService service;
  private OnCallCalendars calendars;

  @BeforeEach
  void setUp() {
    service = ScheduleService.builder().setClock(clock).setIdGenerator(IdGenerator.sequential("id"))
        .build();
    calendars = new OnCallCalendars(service, clock, OverrideFeedParser.withDefaults());
    // Weekly Paris rotation from Mon 2026-03-16 09:00 CET (08:00Z): alice, bob, carol.
    service.create(Schedule.builder(TEAM, PRIMARY).setName("Primary on-call")
        .setZone(ZoneId.of("Europe/Paris"))
        .addLayer("[L1] Weekly", 1, Rotation.builder().setZone("Europe/Paris")
            .setStart(LocalDate.of(2026, 3, 16), LocalTime.of(9, 0)).setFrequency(Frequency.WEEKLY)
            .addUsers(UserId.of("alice"), UserId.of("bob"), UserId.of("carol")).build())
        .build());
    service.create(Schedule.builder(TEAM, MIRROR).setZone(ZoneId.of("Europe/Paris")).build());
  }

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static byte[] ics(String... lines) {
    return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String[] calendar(String... eventLines) {
    String[] all = new String[eventLines.length + 4];
    all[0] = "BEGIN:VCALENDAR";
    all[1] = "VERSION:2.0";
    all[2] = "PRODID:-//test//EN";
    System.arraycopy(eventLines, 0, all, 3, eventLines.length);
    all[all.length - 1] = "END:VCALENDAR";
    return all;
  }

  @Test
  void exportUser_containsOnlyTheirShifts_withExactTimes() {
    // Export window: 2026-03-05 to 2026-09-16. Bob's first turn: 03-23 08:00Z to 03-30 07:00Z.
    String feed = calendars.exportUser(TEAM, PRIMARY, UserId.of("bob"));

    ICalendar parsed = Biweekly.parse(feed).first();
    assertThat(parsed.getProductId().getValue()).isEqualTo("-//ObsKit//On-call schedules//EN");
    assertThat(parsed.getNames().get(0).getValue()).isEqualTo("Primary on-call - bob");
    assertThat(parsed.getRefreshInterval().getValue().toMillis()).isEqualTo(3_600_000L);
    List<VEvent> events = parsed.getEvents();
    assertThat(events).allSatisfy(e -> assertThat(e.getSummary().getValue()).isEqualTo("bob"));
    VEvent first = events.get(0);
    assertThat(first.getDateStart().getValue().toInstant()).isEqualTo(t("2026-03-23T08:00:00Z"));
    assertThat(first.getDateEnd().getValue().toInstant()).isEqualTo(t("2026-03-30T07:00:00Z"));
    assertThat(first.getUid().getValue()).isEqualTo("primary-1774252800-bob-_L1__Weekly@obskit");
    assertThat(first.getDescription().getValue()).isEqualTo("On call for Primary on-call (layer [L1] Weekly)");
    // 26 weeks of turns in the window, one in three is bob's: Mar 23, Apr 13, ..., Sep 14.
    assertThat(events).hasSize(9);
    assertThat(feed).contains("DTSTART:20260323T080000Z").contains("METHOD:PUBLISH");
  }

  @Test
  void export_afterAShiftDisappears_emitsACancelledTombstone() {
    calendars.exportUser(TEAM, PRIMARY, UserId.of("bob"));
    service.addOverride(TEAM, PRIMARY, t("2026-03-23T08:00:00Z"), t("2026-03-30T07:00:00Z"),
        UserId.of("dave"));

    ICalendar parsed = Biweekly.parse(calendars.exportUser(TEAM, PRIMARY, UserId.of("bob"))).first();

    List<VEvent> cancelled = parsed.getEvents().stream()
        .filter(e -> e.getStatus() != null && e.getStatus().isCancelled()).toList();
    assertThat(cancelled).hasSize(1);
    VEvent tombstone = cancelled.get(0);
    assertThat(tombstone.getUid().getValue()).isEqualTo("primary-1774252800-bob-_L1__Weekly@obskit");
    assertThat(tombstone.getDateStart().getValue().toInstant()).isEqualTo(t("2026-03-23T08:00:00Z"));
    assertThat(tombstone.getDateEnd().getValue().toInstant()).isEqualTo(t("2026-03-23T08:00:00Z"));
    assertThat(parsed.getEvents()).hasSize(9); // 8 remaining shifts of bob + the tombstone
  }

  @Test
  void exportThenImport_roundTripsTheFinalShifts() {
    service.addOverride(TEAM, PRIMARY, t("2026-03-25T12:00:00Z"), t("2026-03-25T18:00:00Z"),
        UserId.of("dave"));
    String feed = calendars.exportSchedule(TEAM, PRIMARY);

    OverrideImport imported = calendars.importOverrides(TEAM, MIRROR, "primary-export",
        feed.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.overrides()).hasSize(29);
    Instant from = t("2026-03-16T08:00:00Z");
    Instant to = t("2026-04-06T07:00:00Z");
    List<String> original = project(service.finalShifts(TEAM, PRIMARY, from, to));
    List<String> mirrored = project(service.finalShifts(TEAM, MIRROR, from, to));
    assertThat(mirrored).isEqualTo(original).containsExactly(
        "2026-03-16T08:00:00Z/2026-03-23T08:00:00Z [alice]",
        "2026-03-23T08:00:00Z/2026-03-25T12:00:00Z [bob]",
        "2026-03-25T12:00:00Z/2026-03-25T18:00:00Z [dave]",
        "2026-03-25T18:00:00Z/2026-03-30T07:00:00Z [bob]",
        "2026-03-30T07:00:00Z/2026-04-06T07:00:00Z [carol]");
    assertThat(service.finalShifts(TEAM, MIRROR, from, to))
        .allSatisfy(s -> assertThat(s.source()).isEqualTo(ShiftSource.OVERRIDE));
  }

  private static List<String> project(List<FinalShift> shifts) {
    return shifts.stream().map(s -> s.start() + "/" + s.end() + " " + s.users()).toList();
  }

  @Test
  void import_zonesFloatingAllDayCancelledAndMultipleUsers() {
    OverrideImport imported = calendars.importOverrides(TEAM, MIRROR, "gcal", ics(calendar(
        "BEGIN:VEVENT", "UID:utc", "DTSTART:20260401T080000Z", "DTEND:20260401T100000Z",
        "SUMMARY:[L2] alice, bob", "END:VEVENT",
        "BEGIN:VEVENT", "UID:floating", "DTSTART:20260402T090000", "DURATION:PT3H",
        "SUMMARY:carol", "END:VEVENT",
        "BEGIN:VEVENT", "UID:allday", "DTSTART;VALUE=DATE:20260403", "DTEND;VALUE=DATE:20260404",
        "SUMMARY:dave", "END:VEVENT",
        "BEGIN:VEVENT", "UID:gone", "STATUS:CANCELLED", "DTSTART:20260405T080000Z",
        "DTEND:20260405T080000Z", "SUMMARY:erin", "END:VEVENT")));

    assertThat(imported.cancelled()).isEqualTo(1);
    // Floating 09:00 and all-day dates are read in the schedule's zone, Europe/Paris (CEST, +2).
    assertThat(imported.overrides()).extracting(o -> o.start() + "/" + o.end() + " " + o.users())
        .containsExactly(
            "2026-04-01T08:00:00Z/2026-04-01T10:00:00Z [alice, bob]",
            "2026-04-02T07:00:00Z/2026-04-02T10:00:00Z [carol]",
            "2026-04-02T22:00:00Z/2026-04-03T22:00:00Z [dave]");
    assertThat(imported.overrides()).extracting(ScheduleOverride::source).containsOnly("ical:gcal");
  }

  @Test
  void import_withTzid_usesTheVtimezone() {
    OverrideImport imported = calendars.importOverrides(TEAM, MIRROR, "ny", ics(calendar(
        "BEGIN:VTIMEZONE", "TZID:America/New_York",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "DTSTART:20070311T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "DTSTART:20071104T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=America/New_York:20260310T090000",
        "DTEND;TZID=America/New_York:20260310T170000", "SUMMARY:dave", "END:VEVENT")));

    // 2026-03-10 is after the 03-08 change: EDT, UTC-4.
    assertThat(imported.overrides().get(0).start()).isEqualTo(t("2026-03-10T13:00:00Z"));
    assertThat(imported.overrides().get(0).end()).isEqualTo(t("2026-03-10T21:00:00Z"));
  }

  @Test
  void reimport_replacesTheFeedsOverrides_andKeepsManualOnes() {
    service.addOverride(TEAM, MIRROR, t("2026-05-01T00:00:00Z"), t("2026-05-02T00:00:00Z"),
        UserId.of("manual"));
    calendars.importOverrides(TEAM, MIRROR, "gcal", ics(calendar(
        "BEGIN:VEVENT", "UID:1", "DTSTART:20260401T080000Z", "DTEND:20260401T100000Z",
        "SUMMARY:alice", "END:VEVENT",
        "BEGIN:VEVENT", "UID:2", "DTSTART:20260402T080000Z", "DTEND:20260402T100000Z",
        "SUMMARY:bob", "END:VEVENT")));

    calendars.importOverrides(TEAM, MIRROR, "gcal", ics(calendar(
        "BEGIN:VEVENT", "UID:2", "DTSTART:20260402T080000Z", "DTEND:20260402T110000Z",
        "SUMMARY:bob", "END:VEVENT")));

    assertThat(service.get(TEAM, MIRROR).overrides())
        .extracting(o -> o.source() + " " + o.start() + "/" + o.end() + " " + o.users())
        .containsExactly(
            "manual 2026-05-01T00:00:00Z/2026-05-02T00:00:00Z [manual]",
            "ical:gcal 2026-04-02T08:00:00Z/2026-04-02T11:00:00Z [bob]");
  }

  @Test
  void malformedFeeds_areRefusedWithClearErrors_andChangeNothing() {
    calendars.importOverrides(TEAM, MIRROR, "gcal", ics(calendar(
        "BEGIN:VEVENT", "UID:keep", "DTSTART:20260401T080000Z", "DTEND:20260401T100000Z",
        "SUMMARY:alice", "END:VEVENT")));

    assertRefused("hello, world".getBytes(StandardCharsets.UTF_8),
        "iCal feed gcal has no VCALENDAR component; is it an iCalendar (.ics) file?");
    assertRefused(new byte[0],
        "iCal feed gcal has no VCALENDAR component; is it an iCalendar (.ics) file?");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTEND:20260401T100000Z", "SUMMARY:a",
        "END:VEVENT")), "event 1 (UID x) has no DTSTART");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20260401T100000Z", "SUMMARY:a",
        "END:VEVENT")), "event 1 (UID x) has neither DTEND nor DURATION");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20260401T100000Z",
        "DTEND:20260401T090000Z", "SUMMARY:a", "END:VEVENT")),
        "event 1 (UID x): override id-2: end must be after start 2026-04-01T10:00:00Z, got "
            + "2026-04-01T09:00:00Z");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20260401T100000Z",
        "DTEND:20260401T110000Z", "RRULE:FREQ=DAILY", "SUMMARY:a", "END:VEVENT")),
        "event 1 (UID x) is recurring (RRULE/RDATE); overrides must be single events");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20260401T100000Z",
        "DTEND:20260401T110000Z", "SUMMARY:alice; DROP TABLE users", "END:VEVENT")),
        "event 1 (UID x) has SUMMARY \"alice; DROP TABLE users\", which is not a comma-separated"
            + " list of user ids");
    assertRefused(ics(calendar("BEGIN:VEVENT", "DTSTART:20260401T100000Z",
        "DTEND:20260401T110000Z", "END:VEVENT")),
        "event 1 has no SUMMARY; it must name the user on call");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:2026-13-45",
        "DTEND:20260401T110000Z", "SUMMARY:a", "END:VEVENT")),
        "event 1 (UID x) has an invalid DTSTART 2026-13-45T00:00:00: Invalid value for MonthOfYear"
            + " (valid values 1 - 12): 13");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:tomorrow-ish",
        "DTEND:20260401T110000Z", "SUMMARY:a", "END:VEVENT")), "event 1 (UID x) has no DTSTART");
    assertRefused(ics(calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20260401T100000Z",
        "DURATION:-PT1H", "SUMMARY:a", "END:VEVENT")), "event 1 (UID x) has a negative DURATION -PT1H");
    assertRefused(new byte[] {'B', 'E', 'G', (byte) 0xC3, (byte) 0x28},
        "iCal feed gcal is not valid UTF-8 text");
    assertRefused("BEGIN:VCALENDAR\r\n\0\0\0".getBytes(StandardCharsets.UTF_8),
        "iCal feed gcal contains NUL bytes; it is not text");

    assertThat(service.get(TEAM, MIRROR).overrides()).extracting(o -> o.users().toString())
        .containsExactly("[alice]");
  }

  private void assertRefused(byte[] feed, String message) {
    assertThatThrownBy(() -> calendars.importOverrides(TEAM, MIRROR, "gcal", feed))
        .isInstanceOf(CalendarImportException.class)
        .hasMessage(message);
  }

  @Test
  void oversizedFeeds_areRefusedBeforeParsing() {
    InputStream endless = new InputStream() {
      private long served;

      @Override
      public int read() {
        served++;
        return 'A';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'A');
        served += len;
        return len;
      }
    };
    assertThatThrownBy(() -> calendars.importOverrides(TEAM, MIRROR, "gcal", endless))
        .isInstanceOf(CalendarImportException.class)
        .hasMessage("iCal feed is larger than 2097152 bytes; refused");

    OnCallCalendars small = new OnCallCalendars(service, clock, OverrideFeedParser.withLimits(1024, 2));
    byte[] threeEvents = ics(calendar(
        "BEGIN:VEVENT", "DTSTART:20260401T080000Z", "DTEND:20260401T100000Z", "SUMMARY:a", "END:VEVENT",
        "BEGIN:VEVENT", "DTSTART:20260402T080000Z", "DTEND:20260402T100000Z", "SUMMARY:a", "END:VEVENT",
        "BEGIN:VEVENT", "DTSTART:20260403T080000Z", "DTEND:20260403T100000Z", "SUMMARY:a", "END:VEVENT"));
    assertThatThrownBy(() -> small.importOverrides(TEAM, MIRROR, "gcal", threeEvents))
        .hasMessage("iCal feed gcal has 3 events, more than the limit of 2; refused");
    byte[] longLine = ics(calendar("X-JUNK:" + "x".repeat(2000)));
    assertThatThrownBy(() -> small.importOverrides(TEAM, MIRROR, "gcal", longLine))
        .hasMessage("iCal feed gcal is larger than 1024 bytes; refused");
    assertThatThrownBy(() -> small.importOverrides(TEAM, MIRROR, "gcal",
        new ByteArrayInputStream(longLine)))
        .hasMessage("iCal feed is larger than 1024 bytes; refused");
  }

  @Test
  void hostileStructure_deepNestingAndJunk_isHandledWithoutCrashing() throws IOException {
    StringBuilder nested = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for (int i = 0; i < 5000; i++) {
      nested.append("BEGIN:VALARM\r\n");
    }
    nested.append("END:VCALENDAR\r\n");
    OverrideImport result = calendars.importOverrides(TEAM, MIRROR, "deep",
        new ByteArrayInputStream(nested.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(result.overrides()).isEmpty();

    OverrideImport junk = calendars.importOverrides(TEAM, MIRROR, "junk", ics(calendar(
        ";;;:::", "NOT A PROPERTY", "BEGIN:VEVENT", "UID:ok", "DTSTART:20260401T080000Z",
        "DTEND:20260401T100000Z", "SUMMARY:alice", "X-\u00e9\u00e8:\u2603", "END:VEVENT")));
    assertThat(junk.overrides()).hasSize(1);
  }
}
