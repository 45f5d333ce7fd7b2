package dev.obskit.incidents.escalation;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.incidents.incident.Severity;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A branching step (Better Stack's {@code time_branching} and {@code metadata_branching}): when its
 * condition holds the incident is handed over to {@link #policy()}, which starts from its first
 * step; otherwise escalation goes on with the next step at once. Either way the outcome is written
 * on the timeline. Immutable.
 */
public sealed interface EscalationBranch {

  /** The policy taking over when the condition holds. */
  EscalationPolicyId policy();

  /**
   * Whether the condition holds.
   *
   * @param local the current local time in the policy's zone
   * @param severity the incident's severity
   * @param metadata the incident's alert metadata (later alerts override earlier keys)
   */
  boolean matches(LocalDateTime local, Severity severity, Map<String, String> metadata);

  /** Says what the condition is, for the timeline (never a secret). */
  String describe();

  /**
   * Holds on {@code days} between {@code from} (inclusive) and {@code to} (exclusive), local time
   * in the policy's zone. When {@code to} is not after {@code from} the window runs overnight: from
   * {@code from} on a listed day to {@code to} the next morning.
   */
  record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, EscalationPolicyId policy)
      implements EscalationBranch {
    /** Validates and copies the components. */
    public TimeWindow {
      Objects.requireNonNull(days, "days");
      if (days.isEmpty()) {
        throw new IllegalArgumentException("a time branch needs at least one day");
      }
      days = Collections.unmodifiableSet(EnumSet.copyOf(days));
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public boolean matches(LocalDateTime local, Severity severity, Map<String, String> metadata) {
      LocalTime t = local.toLocalTime();
      DayOfWeek day = local.getDayOfWeek();
      if (from.isBefore(to)) {
        return days.contains(day) && !t.isBefore(from) && t.isBefore(to);
      }
      return (days.contains(day) && !t.isBefore(from))
          || (days.contains(day.minus(1)) && t.isBefore(to));
    }

    @Override
    public String describe() {
      return "time branch " + days.stream().map(d -> d.name().substring(0, 3))
          .collect(Collectors.joining(",")) + " " + from + "-" + to;
    }
  }

  /**
   * Holds when the incident's metadata has {@code key} with one of {@code values}; a value listing
   * several items separated by commas (e.g. {@code tags = "db, prod"}) holds when any item is one
   * of them. Compared exactly, case-sensitive.
   */
  record Metadata(String key, Set<String> values, EscalationPolicyId policy)
      implements EscalationBranch {
    /** Validates and copies the components. */
    public Metadata {
      Objects.requireNonNull(key, "key");
      if (key.isBlank()) {
        throw new IllegalArgumentException("a metadata branch needs a key");
      }
      Objects.requireNonNull(values, "values");
      if (values.isEmpty()) {
        throw new IllegalArgumentException("metadata branch on " + key + " needs at least one value");
      }
      values = Collections.unmodifiableSet(new TreeSet<>(values));
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public boolean matches(LocalDateTime local, Severity severity, Map<String, String> metadata) {
      String value = metadata.get(key);
      if (value == null) {
        return false;
      }
      if (values.contains(value)) {
        return true;
      }
      return List.of(value.split(",")).stream().map(String::trim).anyMatch(values::contains);
    }

    @Override
    public String describe() {
      return "metadata branch " + key + " in " + values;
    }
  }

  /** Holds when the incident's severity is one of {@code severities}. */
  record SeverityIn(Set<Severity> severities, EscalationPolicyId policy) implements EscalationBranch {
    /** Validates and copies the components. */
    public SeverityIn {
      Objects.requireNonNull(severities, "severities");
      if (severities.isEmpty()) {
        throw new IllegalArgumentException("a severity branch needs at least one severity");
      }
      severities = Collections.unmodifiableSet(EnumSet.copyOf(severities));
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public boolean matches(LocalDateTime local, Severity severity, Map<String, String> metadata) {
      return severities.contains(severity);
    }

    @Override
    public String describe() {
      return "severity branch " + severities;
    }
  }
}
