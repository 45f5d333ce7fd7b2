package dev.obskit.incidents.oncall.ical;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.oncall.FinalSchedule;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * iCal export and import for a {@link ScheduleService}. Export covers {@link #EXPORT_PAST} before
 * now to {@link #EXPORT_FUTURE} after (Grafana OnCall's window). Import replaces the overrides
 * previously imported from the same feed name, so re-importing a subscribed feed is idempotent and
 * removed events disappear. Thread-safe; every call runs on the caller's thread, CPU-bound apart
 * from reading the given stream.
 */
public final class OnCallCalendars {
  /** How far back an export reaches. */
  public static final Duration EXPORT_PAST = Duration.ofDays(15);
  /** How far ahead an export reaches. */
  public static final Duration EXPORT_FUTURE = Duration.ofDays(180);

  private final ScheduleService schedules;
  private final Clock clock;
  private final OverrideFeedParser parser;

  /** Creates the facade over {@code schedules}, reading time from {@code clock}. */
  public OnCallCalendars(ScheduleService schedules, Clock clock, OverrideFeedParser parser) {
    this.schedules = Objects.requireNonNull(schedules, "schedules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /** Returns the whole schedule's final shifts as an iCal feed. */
  public String exportSchedule(TeamId team, ScheduleId id) {
    return export(team, id, Optional.empty());
  }

  /** Returns one user's final shifts in the schedule as an iCal feed. */
  public String exportUser(TeamId team, ScheduleId id, UserId user) {
    return export(team, id, Optional.of(Objects.requireNonNull(user, "user")));
  }

  private String export(TeamId team, ScheduleId id, Optional<UserId> user) {
    Instant now = clock.instant();
    Schedule schedule = schedules.get(team, id);
    FinalSchedule shifts = schedules.finalSchedule(team, id, now.minus(EXPORT_PAST),
        now.plus(EXPORT_FUTURE));
    return ScheduleCalendarWriter.write(schedule, shifts, user, now);
  }

  /**
   * Parses {@code in} (capped at the parser's size limit, not closed) and replaces the overrides
   * imported earlier from {@code feed}. On any {@link CalendarImportException} nothing changes.
   */
  public OverrideImport importOverrides(TeamId team, ScheduleId id, String feed, InputStream in)
      throws IOException {
    Schedule schedule = schedules.get(team, id);
    OverrideImport parsed = parser.parse(in, feed, schedule.zone(), schedules::newOverrideId);
    schedules.replaceOverrides(team, id, "ical:" + feed, parsed.overrides());
    return parsed;
  }

  /**
   * Downloads {@code url} with {@code fetcher} (bounded by its timeout and size limit; blocks the
   * caller meanwhile) and replaces the overrides imported earlier from {@code feed}.
   */
  public OverrideImport importOverrides(TeamId team, ScheduleId id, String feed, URI url,
      IcalFeedFetcher fetcher) throws IOException {
    schedules.get(team, id);
    return importOverrides(team, id, feed, fetcher.fetch(url));
  }

  /** As {@link #importOverrides(TeamId, ScheduleId, String, InputStream)} for bytes in memory. */
  public OverrideImport importOverrides(TeamId team, ScheduleId id, String feed, byte[] ical) {
    Schedule schedule = schedules.get(team, id);
    OverrideImport parsed = parser.parse(ical, feed, schedule.zone(), schedules::newOverrideId);
    schedules.replaceOverrides(team, id, "ical:" + feed, parsed.overrides());
    return parsed;
  }
}
