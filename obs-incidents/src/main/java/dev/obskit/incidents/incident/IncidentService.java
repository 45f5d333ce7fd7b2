package dev.obskit.incidents.incident;

import static dev.obskit.incidents.incident.IncidentChange.attrs;

import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every incident command: open/merge, acknowledge, resolve, re-open, acknowledgement timeout, roles,
 * notes, escalation bookkeeping. Thread-safe.
 *
 * <p>Exactly-once: each command reads the current snapshot, decides against it, and stores the next
 * version with an optimistic check. When another writer got there first the store refuses, the
 * command re-reads and decides again, so two racing acknowledgements produce one {@link
 * TransitionResult.Applied} and one {@link TransitionResult.Rejected} with {@link
 * Conflict#ALREADY_ACKNOWLEDGED}. The timeline entry is written in the same version as the state
 * change, so the timeline can never disagree with the status.
 *
 * <p>After each stored change, listeners run and an {@link IncidentEvent} is published on the event
 * bus; neither can make the command fail. Every listener and subscriber sees one incident's changes
 * in revision order, including changes a listener makes while being told (see
 * {@link RevisionOrderedDelivery}); delivery normally runs on the calling thread, but while another
 * thread is delivering it runs there and the command may return first.
 */
public final class IncidentService {
  /** Most re-reads one command makes under contention before answering {@link Conflict#CONTENDED}. */
  static final int MAX_ATTEMPTS = 10_000;
  /**
   * Repeats of the alert listed on the timeline; later repeats are only counted, so a flapping
   * monitor cannot grow an incident (and the cost of each change, which copies it) without bound.
   */
  public static final int MAX_LISTED_REPEATS = 100;
  private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

  private final IncidentRepository repository;
  private final Clock clock;
  private final IdGenerator ids;
  private final EventBus bus;
  private final List<IncidentListener> listeners = new CopyOnWriteArrayList<>();
  private final RevisionOrderedDelivery delivery = new RevisionOrderedDelivery(this::deliver);

  /** Creates the service over {@code repository}, reading time from {@code clock}. */
  public IncidentService(IncidentRepository repository, Clock clock, IdGenerator ids, EventBus bus) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  /** Adds a listener told after every stored change. */
  public void addListener(IncidentListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Returns the repository, for queries. */
  public IncidentRepository repository() {
    return repository;
  }

  /** Returns the team's incident. */
  public Optional<Incident> find(TeamId teamId, IncidentId id) {
    return repository.find(teamId, id);
  }

  /**
   * Opens an incident, or, when {@code draft} has a dedup key with an open incident, merges into
   * it (one more alert on the timeline; severity raised if the new alert is worse).
   */
  public TransitionResult openOrMerge(IncidentDraft draft) {
    Objects.requireNonNull(draft, "draft");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (!draft.dedupKey().isEmpty()) {
        Optional<Incident> open = repository.findOpenByDedupKey(draft.teamId(), draft.dedupKey());
        if (open.isPresent()) {
          TransitionResult merged = merge(open.get(), draft);
          if (merged != null) {
            return merged;
          }
          continue;
        }
      }
      Incident created = newIncident(draft);
      try {
        commit(() -> repository.insert(created), TimelineEventType.OPENED, created);
        return new TransitionResult.Applied(created);
      } catch (DuplicateKeyException raced) {
        log.debug("another thread opened an incident for {} first; merging", draft.dedupKey());
      }
    }
    throw new IllegalStateException("could not open or merge an incident for " + draft.dedupKey());
  }

  /** Opens an incident by hand; never merged. */
  public TransitionResult open(IncidentDraft draft) {
    if (!draft.dedupKey().isEmpty()) {
      return openOrMerge(draft);
    }
    Incident created = newIncident(draft);
    commit(() -> repository.insert(created), TimelineEventType.OPENED, created);
    return new TransitionResult.Applied(created);
  }

  /** Acknowledges; answers {@link Conflict#ALREADY_ACKNOWLEDGED} if someone else already did. */
  public TransitionResult acknowledge(TeamId teamId, IncidentId id, String by) {
    Objects.requireNonNull(by, "by");
    return change(teamId, id, TimelineEventType.ACKNOWLEDGED, (cur, c) -> {
      if (cur.status() == IncidentStatus.RESOLVED) {
        return Conflict.ALREADY_RESOLVED;
      }
      if (cur.status() == IncidentStatus.ACKNOWLEDGED) {
        return Conflict.ALREADY_ACKNOWLEDGED;
      }
      c.status = IncidentStatus.ACKNOWLEDGED;
      c.acknowledgedAt = c.now();
      c.acknowledgedBy = by;
      c.firstAcknowledgedAt = cur.firstAcknowledgedAt() != null ? cur.firstAcknowledgedAt() : c.now();
      c.escalation = cur.escalation().stopped();
      c.log(TimelineEventType.ACKNOWLEDGED, by, "acknowledged by " + by);
      return null;
    });
  }

  /** Resolves; answers {@link Conflict#ALREADY_RESOLVED} if it already was. */
  public TransitionResult resolve(TeamId teamId, IncidentId id, String by, String note) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(note, "note");
    return change(teamId, id, TimelineEventType.RESOLVED, (cur, c) -> {
      if (cur.status() == IncidentStatus.RESOLVED) {
        return Conflict.ALREADY_RESOLVED;
      }
      c.status = IncidentStatus.RESOLVED;
      c.resolvedAt = c.now();
      c.resolvedBy = by;
      c.escalation = cur.escalation().stopped();
      c.log(TimelineEventType.RESOLVED, by, note.isBlank() ? "resolved by " + by
          : "resolved by " + by + ": " + note);
      return null;
    });
  }

  /**
   * Records that the alert behind the team's open incident for {@code dedupKey} was resolved, and
   * resolves the incident too when {@code autoResolve}. Returns {@link TransitionResult.NotFound}
   * (with a placeholder id) when no incident is open for the key.
   */
  public TransitionResult alertResolved(TeamId teamId, String dedupKey, String by,
      boolean autoResolve) {
    Optional<Incident> open = repository.findOpenByDedupKey(teamId, dedupKey);
    if (open.isEmpty()) {
      return new TransitionResult.NotFound(teamId, IncidentId.of("none"));
    }
    return change(teamId, open.get().id(), autoResolve ? TimelineEventType.RESOLVED
        : TimelineEventType.ALERT_RESOLVED, (cur, c) -> {
          if (!cur.status().isOpen()) {
            return Conflict.ALREADY_RESOLVED;
          }
          c.log(TimelineEventType.ALERT_RESOLVED, by, "alert " + dedupKey + " resolved by " + by,
              attrs("dedupKey", dedupKey));
          if (autoResolve) {
            c.status = IncidentStatus.RESOLVED;
            c.resolvedAt = c.now();
            c.resolvedBy = by;
            c.escalation = cur.escalation().stopped();
            c.log(TimelineEventType.RESOLVED, by, "auto-resolved: the alert recovered");
          }
          return null;
        });
  }

  /** Re-opens a resolved incident to TRIGGERED and restarts escalation from its first step. */
  public TransitionResult reopen(TeamId teamId, IncidentId id, String by, String reason) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    try {
      return change(teamId, id, TimelineEventType.REOPENED, (cur, c) -> {
        if (cur.status() != IncidentStatus.RESOLVED) {
          return Conflict.NOT_RESOLVED;
        }
        c.status = IncidentStatus.TRIGGERED;
        c.resolvedAt = null;
        c.resolvedBy = null;
        c.acknowledgedAt = null;
        c.acknowledgedBy = null;
        c.escalation = cur.escalation().restart(c.now());
        c.log(TimelineEventType.REOPENED, by, "re-opened by " + by
            + (reason.isBlank() ? "" : ": " + reason));
        return null;
      });
    } catch (DuplicateKeyException inUse) {
      return new TransitionResult.Rejected(repository.find(teamId, id).orElseThrow(),
          Conflict.DEDUP_KEY_IN_USE);
    }
  }

  /**
   * Returns an acknowledged incident to TRIGGERED when its acknowledgement is at least {@code
   * timeout} old, restarting escalation; does nothing otherwise.
   */
  public TransitionResult expireAcknowledgement(TeamId teamId, IncidentId id, Duration timeout) {
    return change(teamId, id, TimelineEventType.ACK_TIMED_OUT, (cur, c) -> {
      if (cur.status() != IncidentStatus.ACKNOWLEDGED
          || cur.acknowledgedAt().plus(timeout).isAfter(c.now())) {
        return Conflict.STATE_CHANGED;
      }
      c.status = IncidentStatus.TRIGGERED;
      c.log(TimelineEventType.ACK_TIMED_OUT, "system", "acknowledgement by " + cur.acknowledgedBy()
          + " timed out after " + timeout + "; back to TRIGGERED",
          attrs("previousAcknowledger", cur.acknowledgedBy(), "timeout", timeout.toString()));
      c.acknowledgedAt = null;
      c.acknowledgedBy = null;
      c.escalation = cur.escalation().restart(c.now());
      return null;
    });
  }

  /**
   * Stores escalation progress if the incident is still TRIGGERED and its progress is still {@code
   * expected}, with {@code entries} on the timeline; the winner of a race pages, the loser does not.
   */
  public TransitionResult advanceEscalation(TeamId teamId, IncidentId id,
      EscalationProgress expected, EscalationProgress next, List<TimelineNote> entries) {
    return change(teamId, id, TimelineEventType.ESCALATED, (cur, c) -> {
      if (cur.status() != IncidentStatus.TRIGGERED || !cur.escalation().equals(expected)) {
        return Conflict.STATE_CHANGED;
      }
      c.escalation = next;
      for (TimelineNote n : entries) {
        c.log(n.type(), n.actor(), n.message(), n.attributes());
      }
      return null;
    });
  }

  /** Appends one entry (a notification attempt, a note); works in any status. */
  public TransitionResult append(TeamId teamId, IncidentId id, TimelineNote note) {
    Objects.requireNonNull(note, "note");
    return change(teamId, id, note.type(), (cur, c) -> {
      c.log(note.type(), note.actor(), note.message(), note.attributes());
      return null;
    });
  }

  /** Adds a free-form note by {@code by}. */
  public TransitionResult addNote(TeamId teamId, IncidentId id, String by, String text) {
    return append(teamId, id, new TimelineNote(TimelineEventType.NOTE_ADDED, by, text, Map.of()));
  }

  /** Records a status-page update posted by {@code by}. */
  public TransitionResult postStatusUpdate(TeamId teamId, IncidentId id, String by, String text) {
    return append(teamId, id, new TimelineNote(TimelineEventType.STATUS_PAGE_UPDATE, by, text, Map.of()));
  }

  /** Changes severity; {@link Conflict#STATE_CHANGED} if it already is {@code severity}. */
  public TransitionResult changeSeverity(TeamId teamId, IncidentId id, Severity severity, String by) {
    Objects.requireNonNull(severity, "severity");
    return change(teamId, id, TimelineEventType.SEVERITY_CHANGED, (cur, c) -> {
      if (cur.severity() == severity) {
        return Conflict.STATE_CHANGED;
      }
      c.severity = severity;
      c.log(TimelineEventType.SEVERITY_CHANGED, by, "severity " + cur.severity() + " -> " + severity);
      return null;
    });
  }

  /**
   * Gives {@code role} to {@code user}. An exclusive role (commander, deputy, lead) held by someone
   * else is handed over: the previous holder's assignment ends now. History is kept.
   */
  public TransitionResult assignRole(TeamId teamId, IncidentId id, IncidentRole role, UserId user,
      String by) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(by, "by");
    return change(teamId, id, TimelineEventType.ROLE_ASSIGNED, (cur, c) -> {
      if (cur.holders(role).contains(user)) {
        return Conflict.ROLE_UNCHANGED;
      }
      if (role.isExclusive()) {
        endRole(c, role, null, by);
      }
      c.roles.add(new RoleAssignment(role, user, c.now(), by, null));
      c.log(TimelineEventType.ROLE_ASSIGNED, by, user + " is " + role,
          attrs("role", role.name(), "user", user.value()));
      return null;
    });
  }

  /** Ends {@code user}'s holding of {@code role}. */
  public TransitionResult unassignRole(TeamId teamId, IncidentId id, IncidentRole role, UserId user,
      String by) {
    return change(teamId, id, TimelineEventType.ROLE_UNASSIGNED, (cur, c) -> {
      if (!cur.holders(role).contains(user)) {
        return Conflict.ROLE_UNCHANGED;
      }
      endRole(c, role, user, by);
      return null;
    });
  }

  private static void endRole(IncidentChange c, IncidentRole role, UserId only, String by) {
    for (int i = 0; i < c.roles.size(); i++) {
      RoleAssignment r = c.roles.get(i);
      if (r.role() == role && r.isActive() && (only == null || r.user().equals(only))) {
        c.roles.set(i, r.endedAt(c.now()));
        c.log(TimelineEventType.ROLE_UNASSIGNED, by, r.user() + " is no longer " + role,
            attrs("role", role.name(), "user", r.user().value()));
      }
    }
  }

  private TransitionResult merge(Incident open, IncidentDraft draft) {
    TransitionResult result = change(open.teamId(), open.id(), TimelineEventType.ALERT_RECEIVED,
        (cur, c) -> {
          if (!cur.status().isOpen()) {
            return Conflict.ALREADY_RESOLVED;
          }
          c.alertCount = cur.alertCount() + 1;
          if (cur.alertCount() <= MAX_LISTED_REPEATS) {
            c.log(TimelineEventType.ALERT_RECEIVED, draft.actor(), "alert repeated: " + draft.title()
                + (cur.alertCount() == MAX_LISTED_REPEATS ? " (further repeats are counted, not listed)"
                : ""), withKey(draft));
          }
          if (draft.severity().isWorseThan(cur.severity())) {
            c.severity = draft.severity();
            c.log(TimelineEventType.SEVERITY_CHANGED, draft.actor(),
                "severity " + cur.severity() + " -> " + draft.severity() + " by a repeated alert");
          }
          return null;
        });
    // Resolved between the lookup and the merge: the caller opens a new incident instead.
    return result instanceof TransitionResult.Rejected ? null : result;
  }

  private Incident newIncident(IncidentDraft d) {
    Instant now = clock.instant();
    IncidentId id = IncidentId.of(ids.next());
    Incident empty = new Incident(id, d.teamId(), 0, d.title(), d.severity(),
        IncidentStatus.TRIGGERED, d.serviceId(), d.dedupKey(), now, null, null, null, null, null, 1,
        EscalationProgress.start(d.policyId(), now), List.of(), List.of());
    IncidentChange c = new IncidentChange(empty, now);
    c.log(TimelineEventType.OPENED, d.actor(), "opened " + d.severity() + ": " + d.title(),
        attrs("severity", d.severity().name(), "dedupKey", d.dedupKey()));
    if (!d.dedupKey().isEmpty()) {
      c.log(TimelineEventType.ALERT_RECEIVED, d.actor(), "alert: " + d.title(), withKey(d));
    }
    return c.build();
  }

  private static Map<String, String> withKey(IncidentDraft d) {
    Map<String, String> a = attrs("dedupKey", d.dedupKey(), "severity", d.severity().name());
    a.putAll(d.details());
    return a;
  }

  /** Decides a change against the current snapshot; returns a conflict, or null to apply. */
  @FunctionalInterface
  private interface Decider {
    Conflict decide(Incident current, IncidentChange change);
  }

  private TransitionResult change(TeamId teamId, IncidentId id, TimelineEventType type, Decider d) {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(id, "id");
    Incident current = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Incident> found = repository.find(teamId, id);
      if (found.isEmpty()) {
        return new TransitionResult.NotFound(teamId, id);
      }
      current = found.get();
      IncidentChange c = new IncidentChange(current, clock.instant());
      Conflict conflict = d.decide(current, c);
      if (conflict != null) {
        return new TransitionResult.Rejected(current, conflict);
      }
      Incident next = c.build();
      try {
        commit(() -> repository.update(next), type, next);
      } catch (StaleVersionException lost) {
        continue;
      }
      return new TransitionResult.Applied(next);
    }
    return new TransitionResult.Rejected(current, Conflict.CONTENDED);
  }

  /** Stores through {@code store}, then delivers the change in revision order. */
  private void commit(Runnable store, TimelineEventType type, Incident incident) {
    delivery.commit(store, new IncidentEvent(type, incident));
  }

  private void deliver(IncidentEvent event) {
    TimelineEventType type = event.type();
    Incident incident = event.incident();
    for (IncidentListener l : listeners) {
      try {
        l.onChange(event);
      } catch (RuntimeException e) {
        log.warn("incident listener {} failed on {} of {}", l, type, incident.id(), e);
      }
    }
    try {
      bus.publish(event);
    } catch (RuntimeException e) {
      log.warn("publishing {} of {} failed", type, incident.id(), e);
    }
  }
}
