package dev.obskit.errors.issue;

import java.util.Objects;

/**
 * The issue after one event was recorded, and what the event did to it. Immutable.
 *
 * @param issue the new snapshot
 * @param outcome what happened
 * @param spike whether this event crossed the project's spike threshold
 */
public record IssueUpdate(Issue issue, IssueOutcome outcome, boolean spike) {
  /** Validates. */
  public IssueUpdate {
    Objects.requireNonNull(issue, "issue");
    Objects.requireNonNull(outcome, "outcome");
  }
}
