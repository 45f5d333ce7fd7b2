package dev.obskit.incidents.oncall;

import dev.obskit.core.id.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user asks someone to take their on-call time in {@code [start, end)} (Grafana OnCall's shift
 * swap: {@link #requester()} is the beneficiary, {@link #coveredBy()} the benefactor). Once
 * {@link CoverState#ACCEPTED}, the final schedule substitutes the cover for the requester in every
 * shift of that window. Immutable: transitions return a new value.
 *
 * <p>A pending request expires at {@link #expiresAt()} (by default the start of the window: a
 * cover nobody took before it began is past due). Expiry is decided by the clock the caller passes
 * ({@link #stateAt(Instant)}), so a stored request never needs a background job to expire.
 *
 * @param id unique within the schedule
 * @param requester who needs cover
 * @param start inclusive
 * @param end exclusive
 * @param description free text, at most {@value #MAX_DESCRIPTION} characters
 * @param askedUser the one user asked, or empty for anyone in the team
 * @param createdAt when it was asked
 * @param expiresAt when a pending request expires
 * @param state the stored state; see {@link #stateAt(Instant)} for the effective one
 * @param coveredBy who accepted, once accepted
 * @param decidedAt when it was accepted, rejected or expired
 */
public record CoverRequest(CoverRequestId id, UserId requester, Instant start, Instant end,
    String description, Optional<UserId> askedUser, Instant createdAt, Instant expiresAt,
    CoverState state, Optional<UserId> coveredBy, Optional<Instant> decidedAt) {
  /** Longest accepted description, as in Grafana OnCall. */
  public static final int MAX_DESCRIPTION = 3000;
  /** Longest accepted cover window. */
  public static final Duration MAX_LENGTH = Duration.ofDays(92);

  /** Validates the components, naming the bad value. */
  public CoverRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    ScheduleOverride.checkWindow("cover request " + id, start, end, MAX_LENGTH);
    Objects.requireNonNull(description, "description");
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION
          + " characters, got " + description.length());
    }
    Objects.requireNonNull(askedUser, "askedUser");
    if (askedUser.filter(requester::equals).isPresent()) {
      throw new IllegalArgumentException(requester + " cannot ask themselves to cover " + id);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(coveredBy, "coveredBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
    if ((state == CoverState.ACCEPTED) != coveredBy.isPresent()) {
      throw new IllegalArgumentException(
          "coveredBy must be set exactly when the request is ACCEPTED, got " + state + "/" + coveredBy);
    }
  }

  /** Returns a new pending request that expires when its window starts. */
  public static CoverRequest pending(CoverRequestId id, UserId requester, Instant start,
      Instant end, String description, Optional<UserId> askedUser, Instant now) {
    return new CoverRequest(id, requester, start, end, description, askedUser, now, start,
        CoverState.PENDING, Optional.empty(), Optional.empty());
  }

  /** Returns the state at {@code now}: a pending request past {@link #expiresAt()} is EXPIRED. */
  public CoverState stateAt(Instant now) {
    if (state == CoverState.PENDING && !now.isBefore(expiresAt)) {
      return CoverState.EXPIRED;
    }
    return state;
  }

  /** Returns this request as stored at {@code now}: expired if it is past due, else unchanged. */
  public CoverRequest settledAt(Instant now) {
    if (stateAt(now) == CoverState.EXPIRED && state == CoverState.PENDING) {
      return with(CoverState.EXPIRED, Optional.empty(), expiresAt);
    }
    return this;
  }

  /** Returns the accepted request; throws {@link CoverRequestException} if {@code by} may not. */
  public CoverRequest accept(UserId by, Instant now) {
    checkAnswer(by, now, "accept");
    return with(CoverState.ACCEPTED, Optional.of(by), now);
  }

  /**
   * Returns the rejected request. Only a request addressed to one user can be rejected, by that
   * user: an open request stays open for others until it expires or the requester withdraws it.
   */
  public CoverRequest reject(UserId by, Instant now) {
    checkAnswer(by, now, "reject");
    if (askedUser.isEmpty()) {
      throw new CoverRequestException("cover request " + id
          + " is open to anyone; it cannot be rejected, only left to expire or withdrawn");
    }
    return with(CoverState.REJECTED, Optional.empty(), now);
  }

  private void checkAnswer(UserId by, Instant now, String verb) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(now, "now");
    CoverState current = stateAt(now);
    if (current != CoverState.PENDING) {
      throw new CoverRequestException("cannot " + verb + " cover request " + id + ": it is "
          + current + (current == CoverState.EXPIRED ? " since " + expiresAt : ""));
    }
    if (by.equals(requester)) {
      throw new CoverRequestException(
          by + " cannot " + verb + " their own cover request " + id);
    }
    if (askedUser.isPresent() && !askedUser.get().equals(by)) {
      throw new CoverRequestException("cover request " + id + " was addressed to "
          + askedUser.get() + ", not " + by);
    }
  }

  private CoverRequest with(CoverState next, Optional<UserId> cover, Instant at) {
    return new CoverRequest(id, requester, start, end, description, askedUser, createdAt,
        expiresAt, next, cover, Optional.of(at));
  }
}
