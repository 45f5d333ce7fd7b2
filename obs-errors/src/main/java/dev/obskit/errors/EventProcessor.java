package dev.obskit.errors;

import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.core.usage.UsageReporter;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventScrubber;
import dev.obskit.errors.grouping.GroupingResult;
import dev.obskit.errors.issue.EventId;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.IssueService;
import dev.obskit.errors.issue.IssueUpdate;
import dev.obskit.errors.issue.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every accepted event takes, whether captured in-process or ingested from a Sentry
 * SDK: assign an id, scrub PII (unless the project sends PII), group, fold into the issue (alerts
 * included), store, and report usage ({@link Meters#ERROR_EVENTS}). Quotas are decided by the
 * caller before. An event id seen before is acknowledged without being counted again. Thread-safe;
 * runs on the caller's thread.
 */
public final class EventProcessor {
  private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

  /**
   * What processing did.
   *
   * @param eventId the event's id
   * @param update the issue change, or null for a duplicate
   */
  public record Result(String eventId, IssueUpdate update) {
    /** Returns whether the event id had been processed before. */
    public boolean duplicate() {
      return update == null;
    }
  }

  private final ProjectRegistry projects;
  private final IssueService issues;
  private final EventRepository events;
  private final EventScrubber scrubber;
  private final UsageReporter usage;
  private final Clock clock;

  EventProcessor(ProjectRegistry projects, IssueService issues, EventRepository events,
      PiiScrubber scrubber, UsageReporter usage, Clock clock) {
    this.projects = Objects.requireNonNull(projects, "projects");
    this.issues = Objects.requireNonNull(issues, "issues");
    this.events = Objects.requireNonNull(events, "events");
    this.scrubber = new EventScrubber(Objects.requireNonNull(scrubber, "scrubber"));
    this.usage = Objects.requireNonNull(usage, "usage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Processes one event for {@code project}. */
  public Result process(ProjectConfig project, ErrorEvent event) {
    ErrorEvent withId = event.eventId() != null ? event : event.toBuilder().eventId(newEventId()).build();
    EventId id = new EventId(withId.eventId());
    if (events.find(project.teamId(), id).isPresent()) {
      return new Result(withId.eventId(), null);
    }
    ErrorEvent clean = project.sendPii() ? withId : scrubber.scrub(withId);
    GroupingResult grouping = projects.engine(project.id()).group(clean);
    IssueUpdate update = issues.record(project, clean, grouping);
    Instant now = clock.instant();
    events.save(new StoredEvent(id, project.teamId(), 1, project.id(), update.issue().id(), now, clean));
    try {
      usage.report(new UsageEvent(project.teamId(), Meters.ERROR_EVENTS, 1, now,
          "errors:" + project.id() + ":" + id, Map.of("project", project.id().value())));
    } catch (RuntimeException e) {
      log.warn("usage report for event {} failed", id, e);
    }
    return new Result(withId.eventId(), update);
  }

  /** Returns whether an event with this id was already accepted for the project's team. */
  public boolean isKnown(ProjectConfig project, String eventId) {
    return eventId != null && events.find(project.teamId(), new EventId(eventId)).isPresent();
  }

  /** Returns a random 32-character lowercase hex event id. */
  public static String newEventId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String hi = Long.toHexString(r.nextLong());
    String lo = Long.toHexString(r.nextLong());
    StringBuilder sb = new StringBuilder(32);
    sb.append("0".repeat(16 - hi.length())).append(hi).append("0".repeat(16 - lo.length())).append(lo);
    return sb.toString();
  }
}
