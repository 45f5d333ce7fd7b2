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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * iCal export and import for a {@link ScheduleService}. Export covers {@link #EXPORT_PAST} before
 * now to {@link #EXPORT_FUTURE} after (Grafana OnCall's window). Events exported earlier that no
 * longer exist (an override or cover took the shift) are re-emitted as {@code STATUS:CANCELLED}
 * while their start is inside the window, so subscribed calendars drop them; this memory is per
 * process (after a restart, vanished events simply stop appearing). Import replaces the overrides
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
  /** Per feed, the UIDs (and starts) subscribers have seen: what a later export must cancel. */
  private final ConcurrentHashMap<FeedKey, Map<String, Instant>> exported = new ConcurrentHashMap<>();

  private record FeedKey(TeamId team, ScheduleId schedule, Optional<UserId> user) {}

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
    Instant from = now.minus(EXPORT_PAST);
    Schedule schedule = schedules.get(team, id);
    FinalSchedule shifts = schedules.finalSchedule(team, id, from, now.plus(EXPORT_FUTURE));
    Map<String, Instant> current = ScheduleCalendarWriter.uids(schedule, shifts, user);
    Map<String, Instant> tombstones = new LinkedHashMap<>();
    exported.compute(new FeedKey(team, id, user), (k, before) -> {
      if (before != null) {
        before.forEach((uid, start) -> {
          if (!current.containsKey(uid) && !start.isBefore(from)) {
            tombstones.put(uid, start);
          }
        });
      }
      Map<String, Instant> seen = new HashMap<>(current);
      seen.putAll(tombstones);
      return seen.isEmpty() ? null : seen; // feeds with nothing to remember take no memory
    });
    return ScheduleCalendarWriter.write(schedule, shifts, user, now, tombstones);
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
