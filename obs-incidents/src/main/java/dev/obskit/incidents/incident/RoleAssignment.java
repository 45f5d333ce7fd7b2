package dev.obskit.incidents.incident;

import dev.obskit.core.id.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * One user's holding of one role, kept forever as assignment history. Immutable.
 *
 * @param role the role
 * @param user who holds it
 * @param assignedAt when it was given
 * @param assignedBy who gave it
 * @param unassignedAt when it ended, or null while held
 */
public record RoleAssignment(IncidentRole role, UserId user, Instant assignedAt, String assignedBy,
    Instant unassignedAt) {
  /** Validates required components. */
  public RoleAssignment {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(assignedAt, "assignedAt");
    Objects.requireNonNull(assignedBy, "assignedBy");
  }

  /** Returns whether the user still holds the role. */
  public boolean isActive() {
    return unassignedAt == null;
  }

  RoleAssignment endedAt(Instant at) {
    return new RoleAssignment(role, user, assignedAt, assignedBy, at);
  }
}
