package dev.obskit.uptime.heartbeat;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.MonitorState;
import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.state.StateTransition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeat monitoring and the framework-neutral ping entry point. A host (or the Spring Boot
 * starter) maps {@code POST /heartbeat/{id}} to {@link #ping} and {@code POST
 * /heartbeat/{id}/fail} to {@link #fail}; tests call them directly. {@link #evaluate} (run by
 * the module's scheduler tick) turns overdue heartbeats DOWN and raises alert {@code
 * uptime:heartbeat:<id>}; the next successful ping resolves it. Ping methods never throw for
 * bad input; they return {@link PingOutcome#REJECTED}. Thread-safe.
 */
public final class HeartbeatService {
  /** Longest failure message kept; longer ones are truncated. */
  public static final int MAX_MESSAGE_CHARS = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);

  private final Clock clock;
  private final AlertManager alerts;
  private final EventBus bus;
  private final AvailabilityStore store;
  private final PiiScrubber scrubber;
  private final ConcurrentHashMap<MonitorId, Tracker> trackers = new ConcurrentHashMap<>();

  /** Creates the service. */
  public HeartbeatService(Clock clock, AlertManager alerts, EventBus bus, AvailabilityStore store,
      PiiScrubber scrubber) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.store = Objects.requireNonNull(store, "store");
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
  }

  /** Registers (or replaces the definition of) a heartbeat; a new one is PENDING. */
  public void add(Heartbeat heartbeat) {
    Objects.requireNonNull(heartbeat, "heartbeat");
    trackers.compute(heartbeat.id(), (id, old) -> {
      if (old == null) {
        return new Tracker(heartbeat);
      }
      old.redefine(heartbeat);
      return old;
    });
  }

  /** Removes a heartbeat, resolving its alert if open. */
  public boolean remove(MonitorId id) {
    Tracker t = trackers.remove(id);
    if (t != null) {
      alerts.resolve(t.heartbeat().teamId(), dedupKey(id), "obs-uptime: heartbeat removed");
    }
    return t != null;
  }

  /** Returns the number of heartbeats of {@code team}. */
  public int count(TeamId team) {
    return (int) trackers.values().stream().filter(t -> t.heartbeat().teamId().equals(team))
        .count();
  }

  /** Returns every registered heartbeat. */
  public List<Heartbeat> list() {
    return trackers.values().stream().map(Tracker::heartbeat).toList();
  }

  /** Returns the dedup key of a heartbeat's alert. */
  public static String dedupKey(MonitorId id) {
    return "uptime:heartbeat:" + id.value();
  }

  /** Records a successful run of heartbeat {@code id}. */
  public PingOutcome ping(String id) {
    return withTracker(id, t -> t.ping(clock.instant()));
  }

  /**
   * Records a failed run: the heartbeat goes DOWN at once (outside maintenance) with {@code
   * message} (scrubbed of PII, truncated to {@value #MAX_MESSAGE_CHARS} characters) and the
   * job's {@code exitCode} in the alert.
   */
  public PingOutcome fail(String id, String message, int exitCode) {
    String m = message == null ? "" : scrubber.scrubText(message);
    String bounded = m.length() > MAX_MESSAGE_CHARS ? m.substring(0, MAX_MESSAGE_CHARS) : m;
    return withTracker(id, t -> t.fail(clock.instant(), bounded, exitCode));
  }

  /** Pauses a heartbeat: pings are ignored, nothing is raised, time is not counted. */
  public boolean pause(MonitorId id) {
    Tracker t = trackers.get(id);
    if (t != null) {
      t.pause(clock.instant());
    }
    return t != null;
  }

  /** Resumes a paused heartbeat; it is PENDING until the next ping. */
  public boolean resume(MonitorId id) {
    Tracker t = trackers.get(id);
    if (t != null) {
      t.resume(clock.instant());
    }
    return t != null;
  }

  /** Turns overdue heartbeats DOWN (or MAINTENANCE inside a window). */
  public void evaluate() {
    Instant now = clock.instant();
    for (Tracker t : trackers.values()) {
      t.evaluate(now);
    }
  }

  /** Returns the status of heartbeat {@code id}. */
  public Optional<HeartbeatStatus> status(MonitorId id) {
    Tracker t = trackers.get(id);
    return t == null ? Optional.empty() : Optional.of(t.status());
  }

  private PingOutcome withTracker(String id, java.util.function.Function<Tracker, PingOutcome> f) {
    MonitorId mid;
    try {
      mid = MonitorId.of(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      return PingOutcome.REJECTED;
    }
    Tracker t = trackers.get(mid);
    return t == null ? PingOutcome.UNKNOWN_HEARTBEAT : f.apply(t);
  }

  /** The live state of one heartbeat; all access under its own lock. */
  private final class Tracker {
    private final Object lock = new Object();
    private Heartbeat heartbeat;
    private MonitorState state = MonitorState.PENDING;
    private Instant lastPingAt;
    private Instant deadline;
    private Instant bookedUntil;
    private String lastFailure = "";
    private Integer lastExitCode;

    Tracker(Heartbeat heartbeat) {
      this.heartbeat = heartbeat;
    }

    Heartbeat heartbeat() {
      synchronized (lock) {
        return heartbeat;
      }
    }

    void redefine(Heartbeat h) {
      synchronized (lock) {
        heartbeat = h;
        if (lastPingAt != null) {
          deadline = lastPingAt.plus(h.period()).plus(h.grace());
        }
      }
    }

    PingOutcome ping(Instant now) {
      synchronized (lock) {
        if (state == MonitorState.PAUSED) {
          return PingOutcome.PAUSED;
        }
        book(now);
        boolean wasDown = state == MonitorState.DOWN;
        lastPingAt = now;
        deadline = now.plus(heartbeat.period()).plus(heartbeat.grace());
        move(MonitorState.UP, now, wasDown ? "ping received, recovered" : "ping received");
        if (wasDown) {
          alerts.resolve(heartbeat.teamId(), dedupKey(heartbeat.id()),
              "obs-uptime: heartbeat ping received");
        }
        return PingOutcome.ACCEPTED;
      }
    }

    PingOutcome fail(Instant now, String message, int exitCode) {
      synchronized (lock) {
        if (state == MonitorState.PAUSED) {
          return PingOutcome.PAUSED;
        }
        book(now);
        lastFailure = message.isEmpty() ? "job reported failure" : message;
        lastExitCode = exitCode;
        deadline = now.plus(heartbeat.period()).plus(heartbeat.grace());
        if (heartbeat.inMaintenance(now)) {
          move(MonitorState.MAINTENANCE, now, "fail ping during maintenance");
          return PingOutcome.ACCEPTED;
        }
        move(MonitorState.DOWN, now, "job failed with exit code " + exitCode);
        raise("Heartbeat " + heartbeat.name() + " reported failure (exit code " + exitCode
            + "): " + lastFailure, now);
        return PingOutcome.ACCEPTED;
      }
    }

    void pause(Instant now) {
      synchronized (lock) {
        book(now);
        move(MonitorState.PAUSED, now, "paused");
      }
    }

    void resume(Instant now) {
      synchronized (lock) {
        if (state == MonitorState.PAUSED) {
          bookedUntil = now;
          lastPingAt = null;
          deadline = null;
          move(MonitorState.PENDING, now, "resumed");
        }
      }
    }

    void evaluate(Instant now) {
      synchronized (lock) {
        if (deadline == null || state == MonitorState.PAUSED || state == MonitorState.DOWN) {
          book(now);
          return;
        }
        book(now);
        boolean overdue = now.isAfter(deadline);
        if (heartbeat.inMaintenance(now)) {
          move(MonitorState.MAINTENANCE, now, "maintenance window");
        } else if (overdue) {
          lastFailure = "no ping since " + lastPingAt + " (expected every "
              + heartbeat.period() + " + " + heartbeat.grace() + " grace)";
          lastExitCode = null;
          move(MonitorState.DOWN, now, lastFailure);
          raise("Heartbeat " + heartbeat.name() + " missed: " + lastFailure, now);
        } else if (state == MonitorState.MAINTENANCE) {
          move(MonitorState.UP, now, "maintenance window ended");
        }
      }
    }

    HeartbeatStatus status() {
      synchronized (lock) {
        return new HeartbeatStatus(state, Optional.ofNullable(lastPingAt),
            Optional.ofNullable(deadline), lastFailure, Optional.ofNullable(lastExitCode));
      }
    }

    private void raise(String summary, Instant now) {
      Alert.Builder b = Alert.builder(heartbeat.teamId(), dedupKey(heartbeat.id()))
          .setSource("obs-uptime/heartbeat/" + heartbeat.id())
          .setSeverity(AlertSeverity.CRITICAL)
          .setComponent(heartbeat.name())
          .setSummary(summary)
          .putDetail("heartbeat", heartbeat.id().value())
          .putDetail("at", now.toString());
      if (lastExitCode != null) {
        b.putDetail("exitCode", Integer.toString(lastExitCode));
      }
      alerts.trigger(b.build());
    }

    private void book(Instant now) {
      Booking booking = switch (state) {
        case UP -> Booking.UP;
        case DOWN -> Booking.DOWN;
        case MAINTENANCE -> Booking.MAINTENANCE;
        default -> null;
      };
      if (booking != null && bookedUntil != null && now.isAfter(bookedUntil)) {
        store.book(heartbeat.id(), new Segment(bookedUntil, now, booking));
      }
      bookedUntil = now;
    }

    private void move(MonitorState to, Instant at, String reason) {
      if (to != state) {
        StateTransition t = new StateTransition(heartbeat.id(), state, to, at, reason);
        state = to;
        LOG.info("heartbeat {}", t);
        bus.publish(t);
      }
    }
  }
}
