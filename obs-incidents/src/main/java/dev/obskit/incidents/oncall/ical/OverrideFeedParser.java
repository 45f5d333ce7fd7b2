package dev.obskit.incidents.oncall.ical;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import biweekly.io.text.ICalReader;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.oncall.OverrideId;
import dev.obskit.incidents.oncall.ScheduleOverride;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns an iCal feed (RFC 5545) into schedule overrides, following Grafana OnCall's overrides
 * calendar: each {@code VEVENT} is one override whose {@code SUMMARY} names the users on call
 * (comma-separated user ids; a leading {@code [L0]}..{@code [L9]} layer tag is ignored).
 *
 * <p>Defensive by design, since feeds come from outside: the input is capped at
 * {@link #maxBytes()} before parsing, must be UTF-8 text, must contain a {@code VCALENDAR}, and may
 * hold at most {@link #maxEvents()} events; every event needs a start, an end (or duration) after
 * it, at most {@link ScheduleOverride#MAX_LENGTH} long, no recurrence, and a summary of valid user
 * ids. The first bad event fails the whole import with a {@link CalendarImportException} naming
 * it, so a half-read feed never replaces good overrides. Times without a zone (floating) and
 * all-day dates are read in the schedule's zone. Cancelled events are skipped.
 *
 * <p>Immutable and thread-safe; parsing is CPU-bound on the caller's thread.
 */
public final class OverrideFeedParser {
  /** Default {@link #maxBytes()}: 2 MiB, far above any real overrides calendar. */
  public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
  /** Default {@link #maxEvents()}. */
  public static final int DEFAULT_MAX_EVENTS = 5_000;
  private static final Pattern LAYER_TAG = Pattern.compile("^\\[L\\d+\\]\\s*");
  private static final Pattern USER_SEPARATOR = Pattern.compile("\\s*,\\s*");

  private final int maxBytes;
  private final int maxEvents;

  private OverrideFeedParser(int maxBytes, int maxEvents) {
    if (maxBytes < 64) {
      throw new IllegalArgumentException("maxBytes must be >= 64, got " + maxBytes);
    }
    if (maxEvents < 1 || maxEvents > dev.obskit.incidents.oncall.Schedule.MAX_OVERRIDES) {
      throw new IllegalArgumentException("maxEvents must be between 1 and "
          + dev.obskit.incidents.oncall.Schedule.MAX_OVERRIDES + ", got " + maxEvents);
    }
    this.maxBytes = maxBytes;
    this.maxEvents = maxEvents;
  }

  /** Returns a parser with the default limits. */
  public static OverrideFeedParser withDefaults() {
    return new OverrideFeedParser(DEFAULT_MAX_BYTES, DEFAULT_MAX_EVENTS);
  }

  /** Returns a parser with these limits. */
  public static OverrideFeedParser withLimits(int maxBytes, int maxEvents) {
    return new OverrideFeedParser(maxBytes, maxEvents);
  }

  /** Returns the largest accepted feed, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /** Returns the most events accepted in one feed. */
  public int maxEvents() {
    return maxEvents;
  }

  /**
   * Reads at most {@link #maxBytes()} + 1 bytes from {@code in} (not closed) and parses them; see
   * {@link #parse(byte[], String, ZoneId, Supplier)}.
   */
  public OverrideImport parse(InputStream in, String feed, ZoneId zone, Supplier<OverrideId> ids)
      throws IOException {
    return parse(readCapped(Objects.requireNonNull(in, "in"), maxBytes), feed, zone, ids);
  }

  /**
   * Parses {@code feed}'s bytes into overrides with source {@code "ical:" + feed}, reading
   * floating times in {@code zone} and taking ids from {@code ids}.
   *
   * @throws CalendarImportException if the feed is refused; the message names why
   */
  public OverrideImport parse(byte[] bytes, String feed, ZoneId zone, Supplier<OverrideId> ids) {
    Objects.requireNonNull(bytes, "bytes");
    IdFormat.check("feed", feed);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(ids, "ids");
    if (bytes.length > maxBytes) {
      throw new CalendarImportException("iCal feed " + feed + " is larger than " + maxBytes
          + " bytes; refused");
    }
    String text = decode(bytes, feed);
    List<String> warnings = new ArrayList<>();
    ICalendar calendar = read(text, feed, zone, warnings);
    List<VEvent> events = calendar.getEvents();
    if (events.size() > maxEvents) {
      throw new CalendarImportException("iCal feed " + feed + " has " + events.size()
          + " events, more than the limit of " + maxEvents + "; refused");
    }
    List<ScheduleOverride> overrides = new ArrayList<>(events.size());
    int cancelled = 0;
    String source = "ical:" + feed;
    for (int i = 0; i < events.size(); i++) {
      VEvent event = events.get(i);
      if (isCancelled(event)) {
        cancelled++;
        continue;
      }
      overrides.add(toOverride(event, describe(i, event), source, zone, ids));
    }
    return new OverrideImport(overrides, cancelled, warnings);
  }

  private static ICalendar read(String text, String feed, ZoneId zone, List<String> warnings) {
    ICalendar calendar;
    try (ICalReader reader = new ICalReader(text)) {
      reader.setDefaultTimezone(TimeZone.getTimeZone(zone));
      calendar = reader.readNext();
      for (ParseWarning w : reader.getWarnings()) {
        warnings.add(w.toString());
      }
    } catch (IOException | RuntimeException e) {
      throw new CalendarImportException("iCal feed " + feed + " cannot be parsed: " + e, e);
    }
    if (calendar == null) {
      throw new CalendarImportException("iCal feed " + feed
          + " has no VCALENDAR component; is it an iCalendar (.ics) file?");
    }
    return calendar;
  }

  private static ScheduleOverride toOverride(VEvent event, String what, String source,
      ZoneId zone, Supplier<OverrideId> ids) {
    if (event.getRecurrenceRule() != null || !event.getRecurrenceDates().isEmpty()) {
      throw new CalendarImportException(what + " is recurring (RRULE/RDATE); overrides must be"
          + " single events");
    }
    Instant start = start(event, zone, what);
    Instant end = end(event, start, zone, what);
    List<UserId> users = users(event, what);
    try {
      return new ScheduleOverride(ids.get(), start, end, users, source);
    } catch (IllegalArgumentException e) {
      throw new CalendarImportException(what + ": " + e.getMessage(), e);
    }
  }

  private static Instant start(VEvent event, ZoneId zone, String what) {
    DateStart start = event.getDateStart();
    if (start == null || start.getValue() == null) {
      throw new CalendarImportException(what + " has no DTSTART");
    }
    return instant(start.getValue(), zone, what, "DTSTART");
  }

  private static Instant end(VEvent event, Instant start, ZoneId zone, String what) {
    DateEnd end = event.getDateEnd();
    if (end != null && end.getValue() != null) {
      return instant(end.getValue(), zone, what, "DTEND");
    }
    if (event.getDuration() != null && event.getDuration().getValue() != null) {
      biweekly.util.Duration d = event.getDuration().getValue();
      if (d.isPrior()) {
        throw new CalendarImportException(what + " has a negative DURATION " + d);
      }
      return start.plusMillis(d.toMillis());
    }
    throw new CalendarImportException(what + " has neither DTEND nor DURATION");
  }

  /**
   * biweekly parses leniently (month 13 rolls into the next year) and reads all-day dates in the
   * JVM's zone, so the raw components are checked with java.time and dates are anchored at
   * midnight in the schedule's zone. Date-times keep biweekly's conversion, which honours UTC,
   * TZID with VTIMEZONE, and floating times in the reader's default zone (the schedule's).
   */
  private static Instant instant(ICalDate value, ZoneId zone, String what, String property) {
    DateTimeComponents raw = value.getRawComponents();
    if (raw != null) {
      try {
        LocalDateTime.of(raw.getYear(), raw.getMonth(), raw.getDate(), raw.getHour(),
            raw.getMinute(), raw.getSecond());
      } catch (DateTimeException e) {
        throw new CalendarImportException(what + " has an invalid " + property + " "
            + raw.toString(true, true) + ": " + e.getMessage(), e);
      }
      if (!value.hasTime()) {
        return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate()).atStartOfDay(zone)
            .toInstant();
      }
    }
    return value.toInstant();
  }

  private static List<UserId> users(VEvent event, String what) {
    String summary = event.getSummary() == null ? null : event.getSummary().getValue();
    if (summary == null || summary.isBlank()) {
      throw new CalendarImportException(what + " has no SUMMARY; it must name the user on call");
    }
    String names = LAYER_TAG.matcher(summary.strip()).replaceFirst("");
    List<UserId> users = new ArrayList<>();
    for (String name : USER_SEPARATOR.split(names)) {
      if (!IdFormat.isValid(name)) {
        throw new CalendarImportException(what + " has SUMMARY \"" + abbreviate(summary)
            + "\", which is not a comma-separated list of user ids");
      }
      UserId user = UserId.of(name);
      if (!users.contains(user)) {
        users.add(user);
      }
    }
    return users;
  }

  private static boolean isCancelled(VEvent event) {
    Status status = event.getStatus();
    return status != null && status.isCancelled();
  }

  private static String describe(int index, VEvent event) {
    String uid = event.getUid() == null ? null : event.getUid().getValue();
    return "event " + (index + 1) + (uid == null ? "" : " (UID " + abbreviate(uid) + ")");
  }

  private static String abbreviate(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 80 ? clean : clean.substring(0, 80) + "...";
  }

  private static String decode(byte[] bytes, String feed) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      if (text.indexOf('\0') >= 0) {
        throw new CalendarImportException("iCal feed " + feed + " contains NUL bytes; it is not text");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new CalendarImportException("iCal feed " + feed + " is not valid UTF-8 text", e);
    }
  }

  static byte[] readCapped(InputStream in, int maxBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
    byte[] buffer = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new CalendarImportException("iCal feed is larger than " + maxBytes
            + " bytes; refused");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
