package dev.obskit.incidents.oncall.ical;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.oncall.FinalSchedule;
import dev.obskit.incidents.oncall.FinalShift;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ShiftSource;
import java.time.Duration;
import java.time.Instant;
import biweekly.property.Status;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes final shifts as an iCalendar feed a calendar app can subscribe to (Grafana OnCall's
 * export): one {@code VEVENT} per user per shift, {@code SUMMARY} = the user id (so the same feed
 * can be imported back as overrides), times in UTC, {@code METHOD:PUBLISH}, calendar name and
 * {@code REFRESH-INTERVAL}/{@code X-PUBLISHED-TTL} so subscribers poll. UIDs are stable for an
 * unchanged shift ({@code schedule-start-user-origin@obskit}), so refreshes update rather than
 * duplicate events. Gaps are not exported. Stateless and thread-safe.
 */
public final class ScheduleCalendarWriter {
  /** How often subscribers are asked to refresh. */
  public static final Duration REFRESH_INTERVAL = Duration.ofHours(1);
  /** The PRODID of every exported feed. */
  public static final String PRODUCT_ID = "-//ObsKit//On-call schedules//EN";

  private ScheduleCalendarWriter() {}

  /**
   * Returns the feed of {@code shifts} (the final schedule of {@code schedule}), only
   * {@code user}'s shifts if present; {@code now} is the DTSTAMP.
   */
  public static String write(Schedule schedule, FinalSchedule shifts, Optional<UserId> user,
      Instant now) {
    return write(schedule, shifts, user, now, Map.of());
  }

  /**
   * As {@link #write(Schedule, FinalSchedule, Optional, Instant)}, plus a {@code STATUS:CANCELLED}
   * event (DTEND = DTSTART, as Grafana OnCall does) for each of {@code tombstones} (UID to start):
   * events a subscriber saw before that no longer exist, so its calendar drops them.
   */
  public static String write(Schedule schedule, FinalSchedule shifts, Optional<UserId> user,
      Instant now, Map<String, Instant> tombstones) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(shifts, "shifts");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(now, "now");
    ICalendar calendar = new ICalendar();
    calendar.setProductId(PRODUCT_ID);
    calendar.setMethod("PUBLISH");
    String name = schedule.name() + user.map(u -> " - " + u).orElse("");
    calendar.setName(name);
    calendar.setExperimentalProperty("X-WR-CALNAME", name);
    calendar.setExperimentalProperty("X-WR-TIMEZONE", schedule.zone().getId());
    calendar.setRefreshInterval(biweekly.util.Duration.fromMillis(REFRESH_INTERVAL.toMillis()));
    calendar.setExperimentalProperty("X-PUBLISHED-TTL", REFRESH_INTERVAL.toString());
    for (FinalShift shift : shifts.shifts()) {
      if (shift.isGap()) {
        continue;
      }
      for (UserId onCall : shift.users()) {
        if (user.isEmpty() || user.get().equals(onCall)) {
          calendar.addEvent(event(schedule, shift, onCall, now));
        }
      }
    }
    tombstones.forEach((uid, start) -> calendar.addEvent(tombstone(uid, start, now)));
    return Biweekly.write(calendar).go();
  }

  /** Returns the UIDs {@link #write} gives {@code shifts}, each with its start. */
  static Map<String, Instant> uids(Schedule schedule, FinalSchedule shifts, Optional<UserId> user) {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (FinalShift shift : shifts.shifts()) {
      for (UserId onCall : shift.users()) {
        if (user.isEmpty() || user.get().equals(onCall)) {
          out.put(uid(schedule, shift, onCall), shift.start());
        }
      }
    }
    return out;
  }

  private static String uid(Schedule schedule, FinalShift shift, UserId user) {
    return schedule.id() + "-" + shift.start().getEpochSecond() + "-" + user + "-"
        + safe(shift.origin()) + "@obskit";
  }

  private static VEvent tombstone(String uid, Instant start, Instant now) {
    VEvent event = new VEvent();
    event.setUid(uid);
    event.setDateTimeStamp(Date.from(now));
    event.setDateStart(Date.from(start), true);
    event.setDateEnd(Date.from(start), true);
    event.setStatus(Status.cancelled());
    event.setSequence(1);
    event.setSummary("cancelled");
    return event;
  }

  private static VEvent event(Schedule schedule, FinalShift shift, UserId user, Instant now) {
    VEvent event = new VEvent();
    event.setUid(uid(schedule, shift, user));
    event.setDateTimeStamp(Date.from(now));
    event.setDateStart(Date.from(shift.start()), true);
    event.setDateEnd(Date.from(shift.end()), true);
    event.setSummary(user.value());
    String why = shift.source() == ShiftSource.OVERRIDE
        ? "override " + shift.origin() : "layer " + shift.origin();
    String covers = shift.covers().isEmpty() ? "" : ", covering via " + shift.covers();
    event.setDescription("On call for " + schedule.name() + " (" + why + covers + ")");
    event.addCategories(shift.source().name());
    return event;
  }

  private static String safe(String origin) {
    return origin.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
