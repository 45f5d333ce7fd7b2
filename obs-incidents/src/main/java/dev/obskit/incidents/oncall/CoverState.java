package dev.obskit.incidents.oncall;

/**
 * Where a {@link CoverRequest} stands. Only {@link #ACCEPTED} requests change the final schedule;
 * {@link #ACCEPTED}, {@link #REJECTED} and {@link #EXPIRED} are final.
 */
public enum CoverState {
  /** Asked, nobody has answered yet and it has not expired. */
  PENDING,
  /** Someone took the cover: the final schedule puts them in place of the requester. */
  ACCEPTED,
  /** The user it was addressed to declined. */
  REJECTED,
  /** Nobody accepted before its expiry (by default the start of the cover window). */
  EXPIRED;

  /** Whether no further transition is possible. */
  public boolean isFinal() {
    return this != PENDING;
  }
}
