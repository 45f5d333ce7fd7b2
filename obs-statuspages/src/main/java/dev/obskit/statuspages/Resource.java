package dev.obskit.statuspages;

import dev.obskit.core.id.MonitorId;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a status page: a monitor, a heartbeat, or a component driven by hand. Immutable.
 *
 * @param id unique within its page
 * @param name shown on the page (any text; it is escaped when rendered)
 * @param kind where the status comes from
 * @param monitor the monitor or heartbeat for {@link ResourceKind#MONITOR}/{@link
 *     ResourceKind#HEARTBEAT}; empty for {@link ResourceKind#MANUAL}
 * @param description optional help text, may be empty
 * @param manualStatus the status set by hand (used for {@link ResourceKind#MANUAL} only)
 */
public record Resource(ResourceId id, String name, ResourceKind kind, Optional<MonitorId> monitor,
    String description, ComponentStatus manualStatus) {
  /** Maximum length of a name. */
  public static final int MAX_NAME_CHARS = 200;

  /** Validates that monitored kinds name their monitor and names are 1-200 characters. */
  public Resource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(manualStatus, "manualStatus");
    if (name.isBlank() || name.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException("resource " + id + ": name must be 1 to "
          + MAX_NAME_CHARS + " characters, got " + name.length());
    }
    if ((kind == ResourceKind.MANUAL) != monitor.isEmpty()) {
      throw new IllegalArgumentException("resource " + id + ": a " + kind + " resource "
          + (kind == ResourceKind.MANUAL ? "must not name" : "must name") + " a monitor");
    }
  }

  /** Returns a resource showing monitor {@code monitor}. */
  public static Resource monitor(ResourceId id, String name, MonitorId monitor) {
    return new Resource(id, name, ResourceKind.MONITOR, Optional.of(monitor), "",
        ComponentStatus.OPERATIONAL);
  }

  /** Returns a resource showing heartbeat {@code heartbeat}. */
  public static Resource heartbeat(ResourceId id, String name, MonitorId heartbeat) {
    return new Resource(id, name, ResourceKind.HEARTBEAT, Optional.of(heartbeat), "",
        ComponentStatus.OPERATIONAL);
  }

  /** Returns a hand-driven component, initially operational. */
  public static Resource manual(ResourceId id, String name) {
    return new Resource(id, name, ResourceKind.MANUAL, Optional.empty(), "",
        ComponentStatus.OPERATIONAL);
  }

  /** Returns a copy with {@code description}. */
  public Resource withDescription(String description) {
    return new Resource(id, name, kind, monitor, description, manualStatus);
  }

  /** Returns a copy with the hand-set status {@code status}. */
  public Resource withManualStatus(ComponentStatus status) {
    return new Resource(id, name, kind, monitor, description, status);
  }
}
