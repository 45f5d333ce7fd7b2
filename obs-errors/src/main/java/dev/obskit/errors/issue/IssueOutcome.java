package dev.obskit.errors.issue;

/** What one event did to its issue. */
public enum IssueOutcome {
  /** It opened a new issue (a "new issue" alert was raised). */
  NEW,
  /** It reopened a resolved issue (a regression alert was raised). */
  REGRESSED,
  /** Its ignore condition ran out and it became unresolved again. */
  UNIGNORED,
  /** It was counted into an open issue. */
  COUNTED,
  /** It was counted into an ignored or resolved-but-expected issue, silently. */
  SUPPRESSED
}
