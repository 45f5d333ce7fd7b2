package dev.obskit.incidents.escalation;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.Urgency;
import dev.obskit.core.store.Aggregate;
import dev.obskit.core.store.Versioned;
import dev.obskit.incidents.incident.Severity;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An escalation policy (PagerDuty / Better Stack model): ordered steps, the whole list repeated
 * {@code repeatCount} more times while nobody acknowledges, and an urgency per severity that picks
 * each user's contact methods. Immutable; incidents keep following it as it is when a step runs.
 *
 * @param id the policy id
 * @param teamId the owning team
 * @param version optimistic-locking version
 * @param name display name
 * @param steps the steps, at least one
 * @param repeatCount how many extra passes over all steps, 0 to {@value #MAX_REPEATS}
 * @param urgencies urgency for each severity (every severity present)
 * @param zone the zone time branches read the clock in
 */
public record EscalationPolicy(EscalationPolicyId id, TeamId teamId, long version, String name,
    List<EscalationStep> steps, int repeatCount, Map<Severity, Urgency> urgencies, ZoneId zone)
    implements Aggregate<EscalationPolicyId> {
  /** Most repeats, PagerDuty's {@code num_loops} limit. */
  public static final int MAX_REPEATS = 9;

  /** Validates and copies the components. */
  public EscalationPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(name, "name");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("escalation policy " + id + " needs at least one step");
    }
    if (repeatCount < 0 || repeatCount > MAX_REPEATS) {
      throw new IllegalArgumentException("repeatCount must be between 0 and " + MAX_REPEATS
          + ", got " + repeatCount + " for " + id);
    }
    EnumMap<Severity, Urgency> all = new EnumMap<>(defaultUrgencies());
    all.putAll(urgencies);
    urgencies = Collections.unmodifiableMap(all);
    Objects.requireNonNull(zone, "zone");
  }

  /** A policy in UTC (the form before time branches existed). */
  public EscalationPolicy(EscalationPolicyId id, TeamId teamId, long version, String name,
      List<EscalationStep> steps, int repeatCount, Map<Severity, Urgency> urgencies) {
    this(id, teamId, version, name, steps, repeatCount, urgencies, ZoneOffset.UTC);
  }

  /** SEV1 and SEV2 are HIGH urgency (phone, SMS, chat); SEV3 and SEV4 are LOW (chat, e-mail). */
  public static Map<Severity, Urgency> defaultUrgencies() {
    EnumMap<Severity, Urgency> m = new EnumMap<>(Severity.class);
    m.put(Severity.SEV1, Urgency.HIGH);
    m.put(Severity.SEV2, Urgency.HIGH);
    m.put(Severity.SEV3, Urgency.LOW);
    m.put(Severity.SEV4, Urgency.LOW);
    return m;
  }

  /** Starts a policy. */
  public static Builder builder(TeamId teamId, EscalationPolicyId id, String name) {
    return new Builder(teamId, id, name);
  }

  /** Returns the urgency for {@code severity}. */
  public Urgency urgencyFor(Severity severity) {
    return urgencies.get(severity);
  }

  /** Builds an {@link EscalationPolicy} at version 1. Not thread-safe. */
  public static final class Builder {
    private final TeamId teamId;
    private final EscalationPolicyId id;
    private final String name;
    private final List<EscalationStep> steps = new ArrayList<>();
    private final Map<Severity, Urgency> urgencies = new EnumMap<>(Severity.class);
    private int repeatCount;
    private ZoneId zone = ZoneOffset.UTC;

    Builder(TeamId teamId, EscalationPolicyId id, String name) {
      this.teamId = Objects.requireNonNull(teamId, "teamId");
      this.id = Objects.requireNonNull(id, "id");
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Adds a step paging {@code targets}, then waiting {@code wait} before the next one. */
    public Builder addStep(java.time.Duration wait, EscalationTarget... targets) {
      steps.add(EscalationStep.of(wait, targets));
      return this;
    }

    /**
     * Adds a branching step: when {@code branch} holds the incident goes to the branch's policy,
     * otherwise on to the next step at once.
     */
    public Builder addBranch(EscalationBranch branch) {
      steps.add(EscalationStep.branching(branch));
      return this;
    }

    /** Sets the zone time branches read the clock in (default UTC). */
    public Builder setZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Sets how many extra passes over all steps run while unacknowledged. Default 0. */
    public Builder setRepeatCount(int repeatCount) {
      this.repeatCount = repeatCount;
      return this;
    }

    /** Sets the urgency of one severity. */
    public Builder setUrgency(Severity severity, Urgency urgency) {
      urgencies.put(Objects.requireNonNull(severity, "severity"),
          Objects.requireNonNull(urgency, "urgency"));
      return this;
    }

    /** Returns the policy; throws if it has no step or a bad repeat count. */
    public EscalationPolicy build() {
      return new EscalationPolicy(id, teamId, Versioned.INITIAL_VERSION, name, steps, repeatCount,
          urgencies, zone);
    }
  }
}
