package dev.obskit.uptime.state;

import dev.obskit.core.id.MonitorId;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one monitor, driven by check results in time order.
 *
 * <p>Design. Two facts drive everything: whether the monitor is <em>confirmed down</em> (its
 * alert is open) and, if a change is in progress, since when ({@code failingSince} while
 * confirming a failure, {@code recoveringSince} while confirming a recovery). Both periods are
 * time based (Better Stack semantics): the change is confirmed by the first result at or after
 * {@code since + period}; any opposite result restarts it. So a failure shorter than the
 * confirmation period never raises anything, and a recovery shorter than the recovery period
 * never resolves.
 *
 * <p>Availability. Time is booked in segments between observations. A stretch whose meaning is
 * not known yet (a failure being confirmed, a recovery being validated) is booked only once
 * decided: confirmed failures count as downtime from the first failed check, unconfirmed ones as
 * up time; a confirmed recovery counts as up time from its first successful check, a recovery
 * cut short by a failure as downtime. Maintenance time is booked apart; paused time not at all.
 * A change in progress when maintenance or a pause starts is abandoned as if it never happened.
 *
 * <p>Thread-safe: every method is synchronized on a private lock; results for one monitor
 * should arrive in time order, and an older result than the last one seen books no time.
 */
public final class MonitorStateMachine {
  /** How many transitions are kept for {@link #transitions()}. */
  public static final int MAX_TRANSITIONS = 200;

  private final Object lock = new Object();
  private final MonitorId id;
  private final ArrayDeque<StateTransition> history = new ArrayDeque<>();
  private MonitorState state = MonitorState.PENDING;
  private boolean confirmedDown;
  private Instant lastAt;
  private Instant failingSince;
  private Instant recoveringSince;
  private Instant outageStart;
  private String lastCause = "";

  /** Creates the machine of monitor {@code id}, PENDING until its first result. */
  public MonitorStateMachine(MonitorId id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  /** Returns the current state. */
  public MonitorState state() {
    synchronized (lock) {
      return state;
    }
  }

  /** Returns whether the alert should be open (confirmed down, even while in maintenance). */
  public boolean confirmedDown() {
    synchronized (lock) {
      return confirmedDown;
    }
  }

  /** Returns the last failure cause, empty when none was seen. */
  public String lastCause() {
    synchronized (lock) {
      return lastCause;
    }
  }

  /** Returns the most recent transitions, oldest first (at most {@value #MAX_TRANSITIONS}). */
  public List<StateTransition> transitions() {
    synchronized (lock) {
      return List.copyOf(history);
    }
  }

  /**
   * Applies one check result observed at {@code at}.
   *
   * @param inMaintenance whether {@code at} is inside a maintenance window
   * @param secondOpinion asked once a failure has lasted the confirmation period
   */
  public Step observe(Monitor monitor, CheckResult result, Instant at, boolean inMaintenance,
      SecondOpinion secondOpinion) {
    synchronized (lock) {
      if (state == MonitorState.PAUSED) {
        return Step.NONE;
      }
      Instant t = lastAt != null && at.isBefore(lastAt) ? lastAt : at;
      MonitorState before = state;
      Work w = new Work();
      if (inMaintenance) {
        enterOrStayInMaintenance(t, w);
        return finish(before, t, "maintenance window", w);
      }
      if (state == MonitorState.MAINTENANCE) {
        book(w, lastAt, t, Booking.MAINTENANCE);
      } else {
        bookSettled(w, t);
      }
      if (result.isUp()) {
        onSuccess(monitor, t, w);
      } else {
        onFailure(monitor, result, t, secondOpinion, w);
      }
      lastAt = t;
      state = displayed();
      return finish(before, t, result.isUp() ? upReason(before) : result.failureCause(), w);
    }
  }

  /** Returns what must survive a restart (see {@link MachineSnapshot}). */
  public MachineSnapshot snapshot() {
    synchronized (lock) {
      return new MachineSnapshot(state, confirmedDown, Optional.ofNullable(outageStart),
          lastCause);
    }
  }

  /**
   * Restores a snapshot taken before a restart. A confirmed outage stays open (DOWN, so the next
   * confirmed recovery resolves its alert and records the outage from its first failure);
   * anything else is PENDING until its next check (pausing follows the monitor's definition). Nothing is booked
   * for the time the host was stopped. Returns the resulting transition, if the state changed.
   */
  public Step restore(MachineSnapshot snapshot, Instant at) {
    Objects.requireNonNull(snapshot, "snapshot");
    synchronized (lock) {
      MonitorState before = state;
      confirmedDown = snapshot.confirmedDown();
      outageStart = snapshot.outageStart().orElse(null);
      lastCause = snapshot.lastCause();
      failingSince = null;
      recoveringSince = null;
      lastAt = null;
      state = confirmedDown ? MonitorState.DOWN : MonitorState.PENDING;
      return finish(before, at, "restored", new Work());
    }
  }

  /** Pauses: books time up to {@code at}, abandons any change in progress, stops counting. */
  public Step pause(Instant at) {
    synchronized (lock) {
      if (state == MonitorState.PAUSED) {
        return Step.NONE;
      }
      MonitorState before = state;
      Work w = new Work();
      closeForInterruption(at, w);
      state = MonitorState.PAUSED;
      lastAt = null;
      return finish(before, at, "paused", w);
    }
  }

  /** Resumes a paused monitor: DOWN if its alert is still open, PENDING until checked otherwise. */
  public Step resume(Instant at) {
    synchronized (lock) {
      if (state != MonitorState.PAUSED) {
        return Step.NONE;
      }
      lastAt = at;
      state = confirmedDown ? MonitorState.DOWN : MonitorState.PENDING;
      return finish(MonitorState.PAUSED, at, "resumed", new Work());
    }
  }

  private void enterOrStayInMaintenance(Instant t, Work w) {
    if (state == MonitorState.MAINTENANCE) {
      book(w, lastAt, t, Booking.MAINTENANCE);
    } else {
      closeForInterruption(t, w);
      state = MonitorState.MAINTENANCE;
    }
    lastAt = t;
  }

  private void closeForInterruption(Instant t, Work w) {
    if (state == MonitorState.MAINTENANCE) {
      book(w, lastAt, t, Booking.MAINTENANCE);
    } else {
      bookSettled(w, t);
    }
    if (failingSince != null) {
      book(w, failingSince, t, Booking.UP);
      failingSince = null;
    }
    if (recoveringSince != null) {
      book(w, recoveringSince, t, Booking.DOWN);
      recoveringSince = null;
    }
  }

  /** Books [lastAt, t) when its meaning is settled (no change in progress). */
  private void bookSettled(Work w, Instant t) {
    if (lastAt == null || failingSince != null || recoveringSince != null) {
      return;
    }
    book(w, lastAt, t, confirmedDown ? Booking.DOWN : Booking.UP);
  }

  private void onSuccess(Monitor monitor, Instant t, Work w) {
    if (!confirmedDown) {
      if (failingSince != null) {
        book(w, failingSince, t, Booking.UP);
        failingSince = null;
      }
      return;
    }
    if (recoveringSince == null) {
      recoveringSince = t;
    }
    if (elapsed(recoveringSince, t, monitor.recoveryPeriod())) {
      book(w, recoveringSince, t, Booking.UP);
      w.outage = new Step.Outage(outageStart, recoveringSince);
      confirmedDown = false;
      recoveringSince = null;
      outageStart = null;
      w.resolve = true;
    }
  }

  private void onFailure(Monitor monitor, CheckResult result, Instant t,
      SecondOpinion secondOpinion, Work w) {
    lastCause = result.failureCause();
    if (confirmedDown) {
      if (recoveringSince != null) {
        book(w, recoveringSince, t, Booking.DOWN);
        recoveringSince = null;
      }
      return;
    }
    if (failingSince == null) {
      failingSince = t;
    }
    if (elapsed(failingSince, t, monitor.confirmationPeriod())
        && secondOpinion.confirm(monitor, result) != SecondOpinion.Verdict.REFUTED) {
      book(w, failingSince, t, Booking.DOWN);
      outageStart = failingSince;
      failingSince = null;
      confirmedDown = true;
      w.trigger = true;
    }
  }

  private static boolean elapsed(Instant since, Instant now, Duration period) {
    return !now.isBefore(since.plus(period));
  }

  private MonitorState displayed() {
    if (confirmedDown) {
      return MonitorState.DOWN;
    }
    return failingSince != null ? MonitorState.PENDING : MonitorState.UP;
  }

  private static String upReason(MonitorState before) {
    return switch (before) {
      case DOWN -> "recovered";
      case MAINTENANCE -> "maintenance window ended";
      case PENDING -> "check passed";
      default -> "";
    };
  }

  private Step finish(MonitorState before, Instant at, String reason, Work w) {
    List<StateTransition> transitions = List.of();
    if (before != state) {
      StateTransition tr = new StateTransition(id, before, state, at, reason);
      history.addLast(tr);
      if (history.size() > MAX_TRANSITIONS) {
        history.removeFirst();
      }
      transitions = List.of(tr);
    }
    return new Step(transitions, w.segments, w.trigger, w.resolve, Optional.ofNullable(w.outage),
        w.trigger ? Optional.ofNullable(outageStart) : Optional.empty());
  }

  private static void book(Work w, Instant from, Instant to, Booking booking) {
    if (from != null && to.isAfter(from)) {
      w.segments.add(new Segment(from, to, booking));
    }
  }

  /** Mutable scratch of one observation. */
  private static final class Work {
    final List<Segment> segments = new ArrayList<>();
    boolean trigger;
    boolean resolve;
    Step.Outage outage;
  }
}
