package dev.obskit.incidents.escalation;

import static dev.obskit.incidents.incident.TimelineEventType.ESCALATED;
import static dev.obskit.incidents.incident.TimelineEventType.ESCALATION_BRANCHED;
import static dev.obskit.incidents.incident.TimelineEventType.ESCALATION_EXHAUSTED;
import static dev.obskit.incidents.incident.TimelineEventType.ESCALATION_SKIPPED;

import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Recipient;
import dev.obskit.core.notify.Urgency;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.incident.EscalationProgress;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentEvent;
import dev.obskit.incidents.incident.IncidentListener;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.incidents.incident.TimelineEventType;
import dev.obskit.incidents.incident.TimelineNote;
import dev.obskit.incidents.incident.TransitionResult;
import dev.obskit.incidents.notify.DeliveryAttempt;
import dev.obskit.incidents.notify.IncidentNotifications;
import dev.obskit.incidents.notify.NotificationDispatcher;
import dev.obskit.incidents.oncall.OnCallDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs escalation policies. All timing comes from the module clock: {@link #tick()} processes due
 * work (acknowledgement timeouts, steps whose wait has passed) and is called by tests after
 * advancing a {@code ManualClock}, and by {@link EscalationDriver} in production. Thread-safe.
 *
 * <p>Algorithm, per due step: resolve the step's targets at this instant (users' contact methods
 * for the urgency of the incident's severity; the on-call users of a schedule through {@link
 * OnCallDirectory}; every team member; webhooks), compute the next progress (next step after the
 * step's wait, or at once when the step reached nobody; after the last step, the first one again
 * while repeats remain; a policy target hands over to that policy), and store it with the timeline
 * entries through {@link IncidentService#advanceEscalation}, whose optimistic check lets exactly one
 * caller win. Only the winner hands its notifications to the dispatcher, so a step never pages twice
 * even when the driver thread and an alert thread race.
 */
public final class EscalationEngine implements IncidentListener {
  /** Default acknowledgement timeout, PagerDuty's 30 minutes. */
  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMinutes(30);
  /** How many policy hand-overs one incident may make, against policy cycles. */
  public static final int MAX_POLICY_HOPS = 5;
  /** Bound on steps run for one incident in one pass (all-empty steps move on at once). */
  static final int MAX_STEPS_PER_PASS = 200;

  private final IncidentService incidents;
  private final EscalationPolicyRepository policies;
  private final ResponderDirectory responders;
  private final OnCallDirectory onCall;
  private final ServiceCatalog catalog;
  private final NotificationDispatcher dispatcher;
  private final IncidentNotifications renderer;
  private final Clock clock;
  private final Duration ackTimeout;

  private EscalationEngine(Builder b) {
    this.incidents = b.incidents;
    this.policies = b.policies;
    this.responders = b.responders;
    this.onCall = b.onCall;
    this.catalog = b.catalog;
    this.dispatcher = b.dispatcher;
    this.renderer = b.renderer;
    this.clock = b.clock;
    this.ackTimeout = b.ackTimeout;
  }

  /** Starts a builder; every collaborator is required except the acknowledgement timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the acknowledgement timeout, or {@link Duration#ZERO} when disabled. */
  public Duration ackTimeout() {
    return ackTimeout;
  }

  /** Starts paging as soon as an incident opens, re-opens or its acknowledgement times out. */
  @Override
  public void onChange(IncidentEvent event) {
    TimelineEventType t = event.type();
    if (t == TimelineEventType.OPENED || t == TimelineEventType.REOPENED
        || t == TimelineEventType.ACK_TIMED_OUT) {
      runDue(event.incident());
    }
  }

  /** Processes all due work at the clock's current instant; never throws for one bad incident. */
  public TickReport tick() {
    int scanned = 0;
    int expired = 0;
    int steps = 0;
    for (Incident incident : incidents.repository().listOpen()) {
      scanned++;
      Incident current = incident;
      if (isAckExpired(current)) {
        TransitionResult r = incidents.expireAcknowledgement(current.teamId(), current.id(), ackTimeout);
        if (r.isApplied()) {
          expired++;
        }
        current = r.incident().orElse(current);
      }
      steps += runDue(current);
    }
    return new TickReport(scanned, expired, steps);
  }

  private boolean isAckExpired(Incident i) {
    return !ackTimeout.isZero() && i.status() == IncidentStatus.ACKNOWLEDGED
        && !i.acknowledgedAt().plus(ackTimeout).isAfter(clock.instant());
  }

  private int runDue(Incident start) {
    Incident current = start;
    int ran = 0;
    for (int i = 0; i < MAX_STEPS_PER_PASS; i++) {
      Instant now = clock.instant();
      if (current.status() != IncidentStatus.TRIGGERED || !current.escalation().isDue(now)) {
        break;
      }
      StepPlan plan = plan(current, now);
      TransitionResult r = incidents.advanceEscalation(current.teamId(), current.id(),
          current.escalation(), plan.next, plan.notes);
      if (!r.isApplied()) {
        break;
      }
      ran++;
      current = r.incident().orElseThrow();
      send(current, plan);
    }
    return ran;
  }

  private void send(Incident incident, StepPlan plan) {
    Optional<Service> service = incident.service().flatMap(s -> catalog.find(incident.teamId(), s));
    int n = 0;
    for (Recipient recipient : plan.recipients) {
      String id = incident.id().value() + "-p" + plan.next.pages() + "-" + (++n);
      Notification page = renderer.page(id, incident, service, recipient, plan.urgency);
      dispatcher.dispatch(page, attempt -> record(incident, attempt));
    }
  }

  private void record(Incident incident, DeliveryAttempt a) {
    Recipient to = a.notification().recipient();
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("channel", to.channel().name());
    attrs.put("recipient", to.displayName());
    attrs.put("notification", a.notification().id());
    attrs.put("attempt", Integer.toString(a.attempt()));
    attrs.put("status", a.result().status().name());
    attrs.put("detail", a.result().detail());
    attrs.put("willRetry", Boolean.toString(a.willRetry()));
    String msg = "notified " + to.displayName() + " via " + to.channel() + ": "
        + a.result().status() + " (attempt " + a.attempt() + ")"
        + (a.result().detail().isEmpty() ? "" : " " + a.result().detail())
        + (a.willRetry() ? ", retry in " + a.retryIn().toMillis() + " ms" : "");
    incidents.append(incident.teamId(), incident.id(),
        new TimelineNote(TimelineEventType.NOTIFIED, a.notifier(), msg, attrs));
  }

  private StepPlan plan(Incident incident, Instant now) {
    EscalationProgress p = incident.escalation();
    List<TimelineNote> notes = new ArrayList<>();
    Optional<EscalationPolicy> found = policies.find(incident.teamId(), p.policyId());
    if (found.isEmpty() || p.stepIndex() >= found.get().steps().size()) {
      notes.add(note(ESCALATION_EXHAUSTED, "escalation policy " + p.policyId()
          + " not found or shortened; escalation stopped", Map.of("policy", String.valueOf(p.policyId()))));
      return new StepPlan(p.stopped(), notes, List.of(), Urgency.HIGH);
    }
    EscalationPolicy policy = found.get();
    EscalationStep step = policy.steps().get(p.stepIndex());
    Urgency urgency = policy.urgencyFor(incident.severity());
    String where = "step " + (p.stepIndex() + 1) + "/" + policy.steps().size() + " of '"
        + policy.name() + "'" + (p.loop() > 0 ? " (repeat " + p.loop() + "/" + policy.repeatCount() + ")" : "");
    if (step.branch().isPresent()) {
      return planBranch(incident, policy, step, where, now, notes);
    }
    Targets targets = resolveTargets(incident, step, urgency, now, notes);
    Map<String, String> attrs = Map.of("policy", policy.id().value(),
        "step", Integer.toString(p.stepIndex() + 1), "loop", Integer.toString(p.loop()),
        "urgency", urgency.name());
    if (!targets.recipients.isEmpty()) {
      notes.add(note(ESCALATED, where + ": paging " + String.join(", ", targets.paged)
          + " (" + urgency + " urgency)", attrs));
    } else {
      notes.add(note(ESCALATION_SKIPPED, where + " reached nobody; moving on", attrs));
    }
    EscalationProgress next = nextProgress(policy, p, step, targets, now, notes);
    return new StepPlan(next, notes, targets.recipients, urgency);
  }

  /**
   * A branching step: evaluates its condition at {@code now} in the policy's zone against the
   * incident's severity and alert metadata, writes the outcome, and hands over or goes on at once.
   */
  private StepPlan planBranch(Incident incident, EscalationPolicy policy, EscalationStep step,
      String where, Instant now, List<TimelineNote> notes) {
    EscalationProgress p = incident.escalation();
    EscalationBranch branch = step.branch().orElseThrow();
    LocalDateTime local = LocalDateTime.ofInstant(now, policy.zone());
    boolean taken = branch.matches(local, incident.severity(), metadataOf(incident));
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("policy", policy.id().value());
    attrs.put("step", Integer.toString(p.stepIndex() + 1));
    attrs.put("loop", Integer.toString(p.loop()));
    attrs.put("branch", branch.describe());
    attrs.put("taken", Boolean.toString(taken));
    attrs.put("localTime", local.withNano(0) + " " + policy.zone().getId());
    attrs.put("target", branch.policy().value());
    notes.add(note(ESCALATION_BRANCHED, where + ": " + branch.describe() + (taken
        ? " holds at " + local.withNano(0) + " " + policy.zone().getId() + "; branching to "
        + branch.policy() : " does not hold at " + local.withNano(0) + " " + policy.zone().getId()
        + "; next step"), attrs));
    Targets targets = new Targets();
    if (taken) {
      targets.handOver = branch.policy();
    }
    EscalationProgress next = nextProgress(policy, p, step, targets, now, notes);
    return new StepPlan(next, notes, List.of(), policy.urgencyFor(incident.severity()));
  }

  /**
   * An incident's metadata: its severity and the attributes of its alerts on the timeline (the
   * alert's details: source, component, tags, ...), later alerts overriding earlier keys.
   */
  static Map<String, String> metadataOf(Incident incident) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TimelineEntry e : incident.timeline()) {
      if (e.type() == TimelineEventType.OPENED || e.type() == TimelineEventType.ALERT_RECEIVED) {
        out.putAll(e.attributes());
      }
    }
    out.put("severity", incident.severity().name());
    return out;
  }

  private EscalationProgress nextProgress(EscalationPolicy policy, EscalationProgress p,
      EscalationStep step, Targets targets, Instant now, List<TimelineNote> notes) {
    int pages = p.pages() + 1;
    if (targets.handOver != null) {
      if (p.policyHops() < MAX_POLICY_HOPS) {
        notes.add(note(ESCALATED, "handing over to escalation policy " + targets.handOver,
            Map.of("policy", targets.handOver.value())));
        return new EscalationProgress(targets.handOver, 0, 0, now, p.policyHops() + 1, pages);
      }
      notes.add(note(ESCALATION_SKIPPED, "not handing over to " + targets.handOver + ": "
          + MAX_POLICY_HOPS + " hand-overs already", Map.of()));
    }
    Instant due = targets.recipients.isEmpty() ? now : now.plus(step.waitBeforeNext());
    int index = p.stepIndex() + 1;
    int loop = p.loop();
    if (index >= policy.steps().size()) {
      if (loop >= policy.repeatCount()) {
        notes.add(note(ESCALATION_EXHAUSTED, "all " + policy.steps().size() + " steps ran "
            + (policy.repeatCount() + 1) + " time(s) without an acknowledgement", Map.of()));
        return new EscalationProgress(p.policyId(), index, loop, null, p.policyHops(), pages);
      }
      index = 0;
      loop++;
    }
    return new EscalationProgress(p.policyId(), index, loop, due, p.policyHops(), pages);
  }

  private Targets resolveTargets(Incident incident, EscalationStep step, Urgency urgency,
      Instant now, List<TimelineNote> notes) {
    Targets t = new Targets();
    for (EscalationTarget target : step.targets()) {
      if (target instanceof EscalationTarget.User u) {
        addUser(incident, u.user(), urgency, t, notes);
      } else if (target instanceof EscalationTarget.OnCall s) {
        List<UserId> users = whoIsOnCall(incident, s, now, notes);
        if (users.isEmpty()) {
          notes.add(note(ESCALATION_SKIPPED, "nobody on call for schedule " + s.schedule()
              + " at " + now + "; moving on", Map.of("schedule", s.schedule().value())));
        }
        users.forEach(user -> addUser(incident, user, urgency, t, notes));
      } else if (target instanceof EscalationTarget.Team team) {
        List<Responder> members = responders.members(team.team());
        if (members.isEmpty()) {
          notes.add(note(ESCALATION_SKIPPED, "team " + team.team() + " has no responders",
              Map.of("team", team.team().value())));
        }
        members.forEach(m -> addResponder(m, urgency, t, notes));
      } else if (target instanceof EscalationTarget.Webhook w) {
        t.add(new Recipient(w.channel(), w.url(), w.name()), w.name());
      } else if (target instanceof EscalationTarget.Policy pol) {
        t.handOver = pol.policy();
      }
    }
    return t;
  }

  private List<UserId> whoIsOnCall(Incident incident, EscalationTarget.OnCall s, Instant now,
      List<TimelineNote> notes) {
    try {
      List<UserId> users = onCall.whoIsOnCall(incident.teamId(), s.schedule(), now);
      return users == null ? List.of() : users;
    } catch (RuntimeException e) {
      notes.add(note(ESCALATION_SKIPPED, "on-call lookup for schedule " + s.schedule()
          + " failed: " + e.getClass().getSimpleName(), Map.of("schedule", s.schedule().value())));
      return List.of();
    }
  }

  private void addUser(Incident incident, UserId user, Urgency urgency, Targets t,
      List<TimelineNote> notes) {
    Optional<Responder> r = responders.find(incident.teamId(), user);
    if (r.isEmpty()) {
      notes.add(note(ESCALATION_SKIPPED, "user " + user + " is not a known responder",
          Map.of("user", user.value())));
      return;
    }
    addResponder(r.get(), urgency, t, notes);
  }

  private void addResponder(Responder r, Urgency urgency, Targets t, List<TimelineNote> notes) {
    List<ContactMethod> methods = r.contactsFor(urgency);
    if (methods.isEmpty()) {
      notes.add(note(ESCALATION_SKIPPED, r.name() + " has no contact method for " + urgency
          + " urgency", Map.of("user", r.user().value())));
      return;
    }
    List<String> channels = new ArrayList<>();
    for (ContactMethod m : methods) {
      if (t.add(new Recipient(m.channel(), m.address(), r.name()), null)) {
        channels.add(m.channel().name());
      }
    }
    if (!channels.isEmpty()) {
      t.paged.add(r.name() + " via " + String.join("+", channels));
    }
  }

  private static TimelineNote note(TimelineEventType type, String message, Map<String, String> a) {
    return new TimelineNote(type, "escalation", message, a);
  }

  /** Recipients of one step, de-duplicated by channel and address. */
  private static final class Targets {
    final List<Recipient> recipients = new ArrayList<>();
    final List<String> paged = new ArrayList<>();
    dev.obskit.core.id.EscalationPolicyId handOver;

    boolean add(Recipient r, String label) {
      for (Recipient existing : recipients) {
        if (existing.channel() == r.channel() && existing.address().equals(r.address())) {
          return false;
        }
      }
      recipients.add(r);
      if (label != null) {
        paged.add(label);
      }
      return true;
    }
  }

  private record StepPlan(EscalationProgress next, List<TimelineNote> notes,
      List<Recipient> recipients, Urgency urgency) {}

  /** Builds an {@link EscalationEngine}. Not thread-safe. */
  public static final class Builder {
    private IncidentService incidents;
    private EscalationPolicyRepository policies;
    private ResponderDirectory responders;
    private OnCallDirectory onCall = (team, schedule, at) -> List.of();
    private ServiceCatalog catalog;
    private NotificationDispatcher dispatcher;
    private IncidentNotifications renderer;
    private Clock clock;
    private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;

    Builder() {}

    /** Sets the incident service (required). */
    public Builder setIncidents(IncidentService incidents) {
      this.incidents = Objects.requireNonNull(incidents, "incidents");
      return this;
    }

    /** Sets the policy repository (required). */
    public Builder setPolicies(EscalationPolicyRepository policies) {
      this.policies = Objects.requireNonNull(policies, "policies");
      return this;
    }

    /** Sets the responder directory (required). */
    public Builder setResponders(ResponderDirectory responders) {
      this.responders = Objects.requireNonNull(responders, "responders");
      return this;
    }

    /** Sets who-is-on-call; default: nobody is ever on call. */
    public Builder setOnCall(OnCallDirectory onCall) {
      this.onCall = Objects.requireNonNull(onCall, "onCall");
      return this;
    }

    /** Sets the service catalog (required; used for names and runbooks in messages). */
    public Builder setCatalog(ServiceCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Sets the dispatcher (required). */
    public Builder setDispatcher(NotificationDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
      return this;
    }

    /** Sets the notification renderer (required). */
    public Builder setRenderer(IncidentNotifications renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer");
      return this;
    }

    /** Sets the clock (required). */
    public Builder setClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the acknowledgement timeout; {@link Duration#ZERO} disables it. Default 30 min. */
    public Builder setAckTimeout(Duration ackTimeout) {
      Objects.requireNonNull(ackTimeout, "ackTimeout");
      if (ackTimeout.isNegative()) {
        throw new IllegalArgumentException("ackTimeout must not be negative, got " + ackTimeout);
      }
      this.ackTimeout = ackTimeout;
      return this;
    }

    /** Returns the engine; throws naming the first missing collaborator. */
    public EscalationEngine build() {
      Objects.requireNonNull(incidents, "incidents");
      Objects.requireNonNull(policies, "policies");
      Objects.requireNonNull(responders, "responders");
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(dispatcher, "dispatcher");
      Objects.requireNonNull(renderer, "renderer");
      Objects.requireNonNull(clock, "clock");
      return new EscalationEngine(this);
    }
  }
}
