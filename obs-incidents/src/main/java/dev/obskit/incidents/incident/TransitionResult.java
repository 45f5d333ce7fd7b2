package dev.obskit.incidents.incident;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an incident command. Expected refusals (two people acknowledging at once) are a
 * {@link Rejected} with a {@link Conflict}, never an exception.
 */
public sealed interface TransitionResult {

  /** Returns whether the command changed the incident. */
  default boolean isApplied() {
    return this instanceof Applied;
  }

  /** Returns the incident after the command, if it exists. */
  Optional<Incident> incident();

  /** Returns a one-line human explanation, e.g. "already acknowledged by alice at ...". */
  String describe();

  /** The command was applied; {@code incident} is the stored new version. */
  record Applied(Incident current) implements TransitionResult {
    /** Validates the incident. */
    public Applied {
      Objects.requireNonNull(current, "incident");
    }

    @Override
    public Optional<Incident> incident() {
      return Optional.of(current);
    }

    @Override
    public String describe() {
      return current.id() + " is now " + current.status() + " (version " + current.version() + ")";
    }
  }

  /** The command was refused for {@code conflict}; {@code current} is the incident as it stands. */
  record Rejected(Incident current, Conflict conflict) implements TransitionResult {
    /** Validates the components. */
    public Rejected {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(conflict, "conflict");
    }

    @Override
    public Optional<Incident> incident() {
      return Optional.of(current);
    }

    @Override
    public String describe() {
      switch (conflict) {
        case ALREADY_ACKNOWLEDGED:
          return current.id() + " is already acknowledged by " + current.acknowledgedBy() + " at "
              + current.acknowledgedAt();
        case ALREADY_RESOLVED:
          return current.id() + " is already resolved by " + current.resolvedBy() + " at "
              + current.resolvedAt();
        case NOT_RESOLVED:
          return current.id() + " is " + current.status() + ", only a resolved incident can be re-opened";
        case DEDUP_KEY_IN_USE:
          return "another incident is open for dedup key '" + current.dedupKey() + "'";
        default:
          return current.id() + ": " + conflict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      }
    }
  }

  /** No such incident for the team. */
  record NotFound(TeamId teamId, IncidentId id) implements TransitionResult {
    @Override
    public Optional<Incident> incident() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "no incident " + id + " for team " + teamId;
    }
  }
}
