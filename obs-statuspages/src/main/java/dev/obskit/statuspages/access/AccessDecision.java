package dev.obskit.statuspages.access;

import java.util.Objects;

/**
 * An {@link AccessGate}'s answer. Immutable.
 *
 * @param outcome what to do
 * @param location where to send the visitor for {@link Outcome#REDIRECT}, else empty
 */
public record AccessDecision(Outcome outcome, String location) {
  /** What a gate decided. */
  public enum Outcome {
    /** Show the page. */
    ALLOW,
    /** Refuse (403). */
    DENY,
    /** Send the visitor elsewhere first (303 to {@link #location()}). */
    REDIRECT,
    /** No opinion: the page's own rules decide. */
    ABSTAIN
  }

  /** Validates that only redirects carry a location. */
  public AccessDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(location, "location");
    if ((outcome == Outcome.REDIRECT) == location.isEmpty()) {
      throw new IllegalArgumentException("a location goes with REDIRECT only, got " + outcome
          + " '" + location + "'");
    }
  }

  /** Returns "show the page". */
  public static AccessDecision allow() {
    return new AccessDecision(Outcome.ALLOW, "");
  }

  /** Returns "refuse". */
  public static AccessDecision deny() {
    return new AccessDecision(Outcome.DENY, "");
  }

  /** Returns "no opinion". */
  public static AccessDecision abstain() {
    return new AccessDecision(Outcome.ABSTAIN, "");
  }

  /** Returns "redirect to {@code location}". */
  public static AccessDecision redirect(String location) {
    return new AccessDecision(Outcome.REDIRECT, location);
  }
}
