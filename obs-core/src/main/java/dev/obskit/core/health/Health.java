package dev.obskit.core.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A module's health at one moment: a status, the reasons for anything but {@link HealthStatus#UP}
 * (short sentences a person can act on, never secrets), and a few figures ({@code backlog},
 * {@code dropped}, {@code lagMillis}) as details. What the health route, Actuator and the demo
 * show. Immutable.
 *
 * @param status the status
 * @param reasons why the status is not UP; empty when UP
 * @param details figures behind the status, in insertion order; values are strings, numbers or
 *     booleans
 */
public record Health(HealthStatus status, List<String> reasons, Map<String, Object> details) {
  private static final Health UP = new Health(HealthStatus.UP, List.of(), Map.of());

  /** Validates and copies. */
  public Health {
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Returns UP with no details. */
  public static Health up() {
    return UP;
  }

  /** Returns a builder starting at UP. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Health}: the status is the worst of every reason added. Not thread-safe. */
  public static final class Builder {
    private HealthStatus status = HealthStatus.UP;
    private final List<String> reasons = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    Builder() {}

    /** Lowers the status to DEGRADED (unless already DOWN) and records why. */
    public Builder degraded(String reason) {
      return reason(HealthStatus.DEGRADED, reason);
    }

    /** Lowers the status to DOWN and records why. */
    public Builder down(String reason) {
      return reason(HealthStatus.DOWN, reason);
    }

    private Builder reason(HealthStatus worse, String reason) {
      status = status.worst(worse);
      reasons.add(Objects.requireNonNull(reason, "reason"));
      return this;
    }

    /** Adds a figure, e.g. {@code detail("backlog", 1200)}. */
    public Builder detail(String name, Object value) {
      details.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Returns the health. */
    public Health build() {
      return new Health(status, reasons, details);
    }
  }
}
