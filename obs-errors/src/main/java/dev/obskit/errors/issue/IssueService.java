package dev.obskit.errors.issue;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.grouping.GroupingResult;
import dev.obskit.errors.release.ReleaseTracker;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issue lifecycle: folds grouped events into issues and moves them between unresolved,
 * resolved (now, in the next release, in a named release) and ignored (forever, for N more events,
 * until a time). Raises alerts through the core contract with these dedup keys:
 * {@code errors:issue:<id>:new}, {@code errors:issue:<id>:regression}, {@code
 * errors:issue:<id>:spike}; resolving an issue resolves its open alerts. Thread-safe: concurrent
 * events of one issue retry on version conflicts, so no count is lost.
 */
public final class IssueService {
  private static final Logger log = LoggerFactory.getLogger(IssueService.class);
  private static final int MAX_ATTEMPTS = 1000;
  /** Repeats of an issue link their secondary hashes only while it has fewer events than this. */
  static final int SECONDARY_HASH_EVENTS = 64;

  private final IssueRepository repository;
  private final ReleaseTracker releases;
  private final AlertManager alerts;
  private final Clock clock;
  private final IdGenerator ids;
  private final SpikeDetector spikes = new SpikeDetector();
  private final Object[] stripes = newStripes(64);

  /** Creates the service. */
  public IssueService(IssueRepository repository, ReleaseTracker releases, AlertManager alerts,
      Clock clock, IdGenerator ids) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.releases = Objects.requireNonNull(releases, "releases");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  private static Object[] newStripes(int n) {
    Object[] locks = new Object[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new Object();
    }
    return locks;
  }

  /** Folds one grouped event into its issue, creating it if needed, and raises alerts. */
  public IssueUpdate record(ProjectConfig project, ErrorEvent event, GroupingResult grouping) {
    Instant now = clock.instant();
    releases.recordEvent(project.teamId(), project.id(), event.release(), now);
    String userKey = event.user().identityKey();
    // Events of one issue usually arrive in bursts from several threads; a striped lock turns the
    // optimistic retry storm (each retry throws) into a short queue. The version check stays as
    // the guard against writers outside this service.
    IssueUpdate update;
    synchronized (stripes[Math.floorMod(grouping.hash().hashCode(), stripes.length)]) {
      update = recordLocked(project, event, grouping, now, userKey);
    }
    // Alerts go out after the lock: alert subscribers must not hold up the issue's other events.
    afterUpdate(project, update, event, now);
    return update;
  }

  private IssueUpdate recordLocked(ProjectConfig project, ErrorEvent event, GroupingResult grouping,
      Instant now, String userKey) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // Sentry's rule: the event joins the issue of the first of its hashes linked to one. Most
      // events are repeats found by their primary hash; past an issue's first events they skip
      // the secondary hashes (GroupingResult computes them on first use), which cost as much as
      // grouping again and would almost always be linked already.
      Issue current = repository.findByHash(project.teamId(), project.id(), grouping.hash())
          .orElse(null);
      List<String> hashes = List.of(grouping.hash());
      int matched = 1;
      if (current != null && current.count() < SECONDARY_HASH_EVENTS) {
        hashes = grouping.hashes();
      } else if (current == null) {
        hashes = grouping.hashes();
        for (; matched < hashes.size() && current == null; matched++) {
          current = repository.findByHash(project.teamId(), project.id(), hashes.get(matched))
              .orElse(null);
        }
      }
      try {
        if (current == null) {
          return create(project, event, grouping, now, userKey);
        }
        current = followMerge(current, event, now);
        IssueUpdate update = count(project, current, event, now, userKey);
        linkOtherHashes(project, current.id(), hashes, matched - 1,
            hashes.size() == 1 ? hashes : grouping.linkableHashes());
        return update;
      } catch (StaleVersionException | DuplicateKeyException e) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("issue " + grouping.hash() + " kept changing under "
        + MAX_ATTEMPTS + " attempts");
  }

  /**
   * For an issue merged into another: keeps the merged issue's own count (so an unmerge restores
   * it) and returns the target, where the event counts; otherwise returns {@code issue}.
   */
  private Issue followMerge(Issue issue, ErrorEvent event, Instant now) {
    if (issue.mergedInto() == null) {
      return issue;
    }
    Issue target = repository.find(issue.teamId(), issue.mergedInto()).orElse(null);
    if (target == null) {
      return issue;
    }
    repository.update(issue.withEvent(now, event.level(), event.release(), 0, issue.status(),
        issue.ignore(), issue.ignoredEvents(), issue.resolvedRelease(), issue.regressions()));
    return target;
  }

  private IssueUpdate create(ProjectConfig project, ErrorEvent event, GroupingResult grouping,
      Instant now, String userKey) {
    Issue issue = new Issue(IssueId.of(ids.next()), project.teamId(), project.id(), 1,
        grouping.hash(), grouping.configVersion(), grouping.strategy(), limit(event.title(), 512),
        culprit(event), event.level(), IssueStatus.UNRESOLVED, null, 0, null, now, now, 1,
        userKey == null ? 0 : 1, event.release(), event.release(), 0);
    // Secondary (previous-rules) hashes only find old issues; a new issue never claims them.
    repository.insert(issue, grouping.linkableHashes());
    if (userKey != null) {
      repository.recordUser(project.teamId(), issue.id(), userKey);
    }
    return new IssueUpdate(issue, IssueOutcome.NEW, false);
  }

  /**
   * Links the event's other hashes to the issue found through {@code hashes.get(matched)}: an
   * issue keeps every hash it was created with, found through, or seen with during its first
   * {@value #SECONDARY_HASH_EVENTS} events; a hash linked to another issue stays there.
   */
  private void linkOtherHashes(ProjectConfig project, IssueId id, List<String> hashes, int matched,
      List<String> linkable) {
    for (int i = 0; i < hashes.size(); i++) {
      if (i != matched && linkable.contains(hashes.get(i))) {
        repository.linkHash(project.teamId(), project.id(), id, hashes.get(i));
      }
    }
  }

  private IssueUpdate count(ProjectConfig project, Issue issue, ErrorEvent event, Instant now,
      String userKey) {
    IssueStatus status = issue.status();
    IgnoreCondition ignore = issue.ignore();
    long ignoredEvents = issue.ignoredEvents();
    String resolvedRelease = issue.resolvedRelease();
    long regressions = issue.regressions();
    IssueOutcome outcome = IssueOutcome.COUNTED;
    // Counting the user first may over-count by one on a version conflict retry; acceptable for
    // an "affected users" figure, and it keeps the per-issue user set out of the aggregate.
    long newUsers = userKey != null && repository.recordUser(issue.teamId(), issue.id(), userKey) ? 1 : 0;
    if (issue.isResolved()) {
      if (isRegression(issue, event)) {
        status = IssueStatus.UNRESOLVED;
        resolvedRelease = null;
        regressions++;
        outcome = IssueOutcome.REGRESSED;
      } else {
        outcome = IssueOutcome.SUPPRESSED;
      }
    } else if (status == IssueStatus.IGNORED) {
      // Until N users counts users new to the issue while it is ignored; the others count events.
      ignoredEvents += ignore != null && ignore.kind() == IgnoreCondition.Kind.UNTIL_USERS ? newUsers : 1;
      if (ignoreExpired(ignore, ignoredEvents, now)) {
        status = IssueStatus.UNRESOLVED;
        ignore = null;
        ignoredEvents = 0;
        outcome = IssueOutcome.UNIGNORED;
      } else {
        outcome = IssueOutcome.SUPPRESSED;
      }
    }
    Issue next = issue.withEvent(now, event.level(), event.release(), newUsers, status, ignore,
        ignoredEvents, resolvedRelease, regressions);
    repository.update(next);
    boolean spike = spikes.record(issue.id(), now, project.spikeThreshold(), project.spikeWindow());
    return new IssueUpdate(next, outcome, spike);
  }

  private boolean isRegression(Issue issue, ErrorEvent event) {
    switch (issue.status()) {
      case RESOLVED_IN_NEXT_RELEASE:
        return event.release() != null && releases.isNewer(issue.teamId(), issue.projectId(),
            event.release(), issue.resolvedRelease());
      case RESOLVED_IN_RELEASE:
        return event.release() == null || event.release().equals(issue.resolvedRelease())
            || releases.isNewer(issue.teamId(), issue.projectId(), event.release(), issue.resolvedRelease());
      default:
        return true;
    }
  }

  private static boolean ignoreExpired(IgnoreCondition ignore, long ignoredEvents, Instant now) {
    if (ignore == null) {
      return true;
    }
    switch (ignore.kind()) {
      case UNTIL_COUNT: case UNTIL_USERS: return ignoredEvents > ignore.eventLimit();
      case UNTIL_TIME: return !now.isBefore(ignore.until());
      default: return false;
    }
  }

  private void afterUpdate(ProjectConfig project, IssueUpdate update, ErrorEvent event, Instant now) {
    Issue issue = update.issue();
    switch (update.outcome()) {
      case NEW:
        releases.recordNewIssue(project.teamId(), project.id(), event.release(), now);
        trigger(issue, "new", AlertSeverity.WARNING, "New issue: " + issue.title());
        break;
      case REGRESSED:
        trigger(issue, "regression", AlertSeverity.ERROR, "Regression: " + issue.title()
            + (event.release() == null ? "" : " (release " + event.release() + ")"));
        break;
      case UNIGNORED:
        trigger(issue, "new", AlertSeverity.WARNING, "Ignored issue is back: " + issue.title());
        break;
      default:
        break;
    }
    if (update.spike() && update.outcome() != IssueOutcome.SUPPRESSED) {
      trigger(issue, "spike", AlertSeverity.ERROR, "Spike: " + project.spikeThreshold()
          + "+ events within " + project.spikeWindow() + ": " + issue.title());
    }
  }

  private void trigger(Issue issue, String kind, AlertSeverity severity, String summary) {
    try {
      alerts.trigger(Alert.builder(issue.teamId(), dedupKey(issue.id(), kind))
          .setSource("obs-errors/" + issue.projectId())
          .setSeverity(severity)
          .setSummary(summary)
          .setComponent(issue.projectId().value())
          .putDetail("issue", issue.id().value())
          .putDetail("project", issue.projectId().value())
          .putDetail("culprit", issue.culprit() == null ? "" : issue.culprit())
          .putDetail("events", Long.toString(issue.count()))
          .putDetail("release", issue.lastRelease() == null ? "" : issue.lastRelease())
          .build());
    } catch (RuntimeException e) {
      log.warn("could not raise the {} alert for issue {}", kind, issue.id(), e);
    }
  }

  /** Returns the alert dedup key for an issue and alert kind ({@code new}, {@code regression}, {@code spike}). */
  public static String dedupKey(IssueId id, String kind) {
    return "errors:issue:" + id.value() + ":" + kind;
  }

  /** Marks the issue resolved: the next event reopens it as a regression. */
  public Issue resolve(TeamId team, IssueId id) {
    return resolveWith(team, id, i -> i.withStatus(IssueStatus.RESOLVED, null, null));
  }

  /**
   * Marks the issue resolved in the next release: events from the project's latest release so
   * far (or older) are expected, events from a newer release reopen it.
   */
  public Issue resolveInNextRelease(TeamId team, IssueId id) {
    return resolveWith(team, id, i -> i.withStatus(IssueStatus.RESOLVED_IN_NEXT_RELEASE, null,
        releases.latest(team, i.projectId()).orElse(null)));
  }

  /** Marks the issue resolved in {@code release}: events of it or a newer release reopen it. */
  public Issue resolveInRelease(TeamId team, IssueId id, String release) {
    Objects.requireNonNull(release, "release");
    Issue issue = resolveWith(team, id, i -> i.withStatus(IssueStatus.RESOLVED_IN_RELEASE, null, release));
    releases.recordResolution(team, issue.projectId(), release, clock.instant());
    return issue;
  }

  /** Ignores the issue until {@code condition} runs out. */
  public Issue ignore(TeamId team, IssueId id, IgnoreCondition condition) {
    Objects.requireNonNull(condition, "condition");
    return change(team, id, i -> i.withStatus(IssueStatus.IGNORED, condition, null));
  }

  /** Assigns the issue to a user ({@code user:<id>}). */
  public Issue assignToUser(TeamId team, IssueId id, String userId) {
    return assign(team, id, "user:" + requireText(userId, "userId"));
  }

  /** Assigns the issue to a team ({@code team:<id>}). */
  public Issue assignToTeam(TeamId team, IssueId id, String teamName) {
    return assign(team, id, "team:" + requireText(teamName, "teamName"));
  }

  /** Removes the issue's assignee. */
  public Issue unassign(TeamId team, IssueId id) {
    return change(team, id, i -> i.withAssignee(null));
  }

  private Issue assign(TeamId team, IssueId id, String assignee) {
    return change(team, id, i -> i.withAssignee(assignee));
  }

  private static String requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return s.strip();
  }

  /**
   * Merges {@code sources} into {@code target}, as Sentry's merge: each source disappears from
   * lists and searches, its events so far add to the target's count and users, and its later
   * events (found through its hashes) count on the target. Stored events stay where they are.
   * Sources and target must be distinct issues of one project; a merged issue cannot be a target
   * and an issue others are merged into cannot be a source. Returns the target.
   *
   * @throws IllegalArgumentException naming the offending issue otherwise
   */
  public Issue merge(TeamId team, IssueId target, List<IssueId> sources) {
    Issue into = require(team, target);
    if (into.mergedInto() != null) {
      throw new IllegalArgumentException("issue " + target + " is merged into " + into.mergedInto()
          + "; merge into that issue instead");
    }
    for (IssueId sourceId : sources) {
      Issue source = require(team, sourceId);
      if (sourceId.equals(target) || source.mergedInto() != null
          || !source.projectId().equals(into.projectId()) || hasMerged(team, sourceId)) {
        throw new IllegalArgumentException("issue " + sourceId + " cannot be merged into " + target
            + ": it must be another, unmerged issue of project " + into.projectId()
            + " with no issues merged into it");
      }
    }
    for (IssueId sourceId : sources) {
      Issue source = change(team, sourceId, i -> i.withMergedInto(target));
      change(team, target, i -> i.withMerged(source.count(), source.usersAffected(),
          source.firstSeen(), source.lastSeen()));
    }
    return require(team, target);
  }

  /**
   * Undoes a merge: the issue shows again with its own count (events it received while merged
   * included) and its later events count on it; the target loses that count. Returns the issue.
   *
   * @throws IllegalArgumentException when the issue is not merged
   */
  public Issue unmerge(TeamId team, IssueId id) {
    Issue source = require(team, id);
    if (source.mergedInto() == null) {
      throw new IllegalArgumentException("issue " + id + " is not merged");
    }
    IssueId target = source.mergedInto();
    Issue back = change(team, id, i -> i.withMergedInto(null));
    change(team, target, i -> i.withMerged(-back.count(), -back.usersAffected(), null, null));
    return back;
  }

  /** Returns the issues merged into {@code id}. */
  public List<Issue> mergedInto(TeamId team, IssueId id) {
    return repository.list(team, i -> id.equals(i.mergedInto()), PageRequest.first(1000)).items();
  }

  private boolean hasMerged(TeamId team, IssueId id) {
    return !repository.list(team, i -> id.equals(i.mergedInto()), PageRequest.first(1)).items().isEmpty();
  }

  private Issue require(TeamId team, IssueId id) {
    return find(team, id).orElseThrow(
        () -> new IllegalArgumentException("no issue " + id + " for team " + team));
  }

  /** Makes the issue unresolved again (undoes resolve or ignore). */
  public Issue reopen(TeamId team, IssueId id) {
    return change(team, id, i -> i.withStatus(IssueStatus.UNRESOLVED, null, null));
  }

  private Issue resolveWith(TeamId team, IssueId id, UnaryOperator<Issue> next) {
    Issue issue = change(team, id, next);
    for (String kind : new String[] {"new", "regression", "spike"}) {
      try {
        alerts.resolve(team, dedupKey(id, kind), "obs-errors");
      } catch (RuntimeException e) {
        log.warn("could not resolve the {} alert of issue {}", kind, id, e);
      }
    }
    return issue;
  }

  private Issue change(TeamId team, IssueId id, UnaryOperator<Issue> next) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Issue current = find(team, id).orElseThrow(
          () -> new NoSuchElementException("no issue " + id + " for team " + team));
      try {
        return repository.update(next.apply(current));
      } catch (StaleVersionException e) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("issue " + id + " kept changing under " + MAX_ATTEMPTS + " attempts");
  }

  /** Returns the grouping hashes linked to the issue, in the order they were first seen. */
  public List<String> hashes(TeamId team, IssueId id) {
    return repository.hashes(team, id);
  }

  /** Returns the issue. */
  public Optional<Issue> find(TeamId team, IssueId id) {
    return repository.find(team, id);
  }

  /** Returns the project's issues (merged ones left out), most recently seen first. */
  public Page<Issue> list(TeamId team, ProjectId project, PageRequest page) {
    return repository.list(team, i -> i.projectId().equals(project) && i.mergedInto() == null, page);
  }

  /** Returns the project's issues with {@code status}, most recently seen first. */
  public Page<Issue> list(TeamId team, ProjectId project, IssueStatus status, PageRequest page) {
    return repository.list(team, i -> i.projectId().equals(project) && i.status() == status
        && i.mergedInto() == null, page);
  }

  /**
   * Returns the project's issues matching {@code query}, most recently seen first. Event criteria
   * (environment, tags) look at the issue's latest {@code eventsPerIssue} stored events in {@code
   * events}; issue criteria are checked first, so events are read only for issues that pass them.
   */
  public Page<Issue> search(TeamId team, ProjectId project, IssueQuery query, EventRepository events,
      int eventsPerIssue, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(events, "events");
    return repository.list(team, i -> i.projectId().equals(project) && query.matchesIssue(i)
        && (!query.needsEvents() || events.latest(team, i.id(), eventsPerIssue).stream()
            .anyMatch(e -> query.matchesEvent(e.event()))), page);
  }

  /** Returns {@code "module in function"} of the crashing frame, else the logger or transaction. */
  static String culprit(ErrorEvent event) {
    ExceptionValue main = event.mainException();
    if (main != null) {
      List<StackFrame> frames = main.frames();
      StackFrame crash = frames.isEmpty() ? null : frames.get(frames.size() - 1);
      for (int i = frames.size() - 1; i >= 0; i--) {
        if (frames.get(i).isInApp()) {
          crash = frames.get(i);
          break;
        }
      }
      if (crash != null) {
        return limit(crash.module() + " in " + crash.function(), 256);
      }
    }
    if (event.transaction() != null) {
      return limit(event.transaction(), 256);
    }
    return event.logger() == null ? "" : limit(event.logger(), 256);
  }

  private static String limit(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
