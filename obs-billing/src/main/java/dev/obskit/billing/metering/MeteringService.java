package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters usage events: resolves the team's billing period (in its billing time zone), writes the
 * event through the {@link UsageLedger} (idempotent on team, period and key) and tells listeners.
 * Events whose write failed can be queued in a bounded buffer and retried later; because the
 * ledger records a key only with its write, a retried event counts exactly once.
 *
 * <p>Never throws into the caller for a ledger failure; never blocks beyond the ledger's own
 * per-shard lock. Thread-safe.
 */
public final class MeteringService {
  /** How far in the future (by the clock) an event's timestamp may be; beyond, it is rejected. */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);
  /** Default number of failed events kept for retry. */
  public static final int DEFAULT_MAX_PENDING = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(MeteringService.class);

  private final UsageLedger ledger;
  private final MeterCatalog catalog;
  private final Clock clock;
  private final int maxPending;
  private final ConcurrentHashMap<TeamId, ZoneId> zones = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ZoneId, Window> windows = new ConcurrentHashMap<>();
  private final List<UsageListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<UsageEvent> pending = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();

  /** Creates a service over {@code ledger}. */
  public MeteringService(UsageLedger ledger, MeterCatalog catalog, Clock clock, int maxPending) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxPending < 0) {
      throw new IllegalArgumentException("maxPending must be >= 0, got " + maxPending);
    }
    this.maxPending = maxPending;
  }

  /** Sets the team's billing time zone (UTC until set). Affects events metered afterwards. */
  public void setBillingZone(TeamId teamId, ZoneId zone) {
    zones.put(Objects.requireNonNull(teamId, "teamId"), Objects.requireNonNull(zone, "zone"));
  }

  /** Returns the team's billing time zone. */
  public ZoneId billingZone(TeamId teamId) {
    return zones.getOrDefault(teamId, ZoneOffset.UTC);
  }

  /** Adds a listener for accepted events. */
  public void addListener(UsageListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Meters one event; returns what happened. Never throws for a storage failure. */
  public IngestOutcome ingest(UsageEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.timestamp().isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
      LOG.warn("usage event for team {} meter {} is dated {}, more than {} ahead; rejected",
          event.teamId(), event.meter(), event.timestamp(), MAX_FUTURE_SKEW);
      return IngestOutcome.REJECTED;
    }
    BillingPeriod period = periodOf(event.teamId(), event.timestamp());
    MeterDefinition meter = catalog.definitionFor(event.meter());
    IngestOutcome outcome;
    try {
      outcome = ledger.record(period, meter, event);
    } catch (RuntimeException e) {
      LOG.warn("usage write failed for team {} meter {}; not counted, retryable", event.teamId(),
          event.meter(), e);
      return IngestOutcome.FAILED;
    }
    if (outcome == IngestOutcome.ACCEPTED && !listeners.isEmpty()) {
      notifyListeners(event, period);
    }
    return outcome;
  }

  /**
   * Meters one event and, if its write failed, keeps it for {@link #retryPending()}; when the retry
   * buffer is full the event is dropped, counted and logged.
   */
  public IngestOutcome ingestOrQueue(UsageEvent event) {
    IngestOutcome outcome = ingest(event);
    if (outcome == IngestOutcome.FAILED) {
      enqueue(event);
    }
    return outcome;
  }

  /** Retries the queued events once each; returns how many were counted or found duplicate. */
  public int retryPending() {
    int settled = 0;
    int attempts;
    synchronized (pending) {
      attempts = pending.size();
    }
    for (int i = 0; i < attempts; i++) {
      UsageEvent next;
      synchronized (pending) {
        next = pending.pollFirst();
      }
      if (next == null) {
        break;
      }
      IngestOutcome outcome = ingest(next);
      if (outcome == IngestOutcome.FAILED) {
        enqueue(next);
      } else {
        settled++;
      }
    }
    return settled;
  }

  /** Returns how many failed events wait for a retry. */
  public int pendingCount() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** Returns how many failed events were dropped because the retry buffer was full. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Returns the team's usage for {@code period}. */
  public UsageRecord usage(TeamId teamId, BillingPeriod period) {
    return ledger.usage(teamId, period);
  }

  /** Returns one meter's value in the team's current period. */
  public long currentValue(TeamId teamId, String meter) {
    return ledger.value(teamId, currentPeriod(teamId), meter);
  }

  /** Returns the team's period containing the clock's now. */
  public BillingPeriod currentPeriod(TeamId teamId) {
    return periodOf(teamId, clock.instant());
  }

  /** Returns the team's period containing {@code instant}. */
  public BillingPeriod periodOf(TeamId teamId, Instant instant) {
    ZoneId zone = billingZone(teamId);
    long millis = instant.toEpochMilli();
    Window window = windows.get(zone);
    if (window != null && millis >= window.startMillis && millis < window.endMillis) {
      return window.period;
    }
    BillingPeriod period = BillingPeriod.containing(instant, zone);
    windows.put(zone, new Window(period));
    return period;
  }

  /** Returns the ledger (for reports and exports). */
  public UsageLedger ledger() {
    return ledger;
  }

  private void notifyListeners(UsageEvent event, BillingPeriod period) {
    LongSupplier value = () -> ledger.value(event.teamId(), period, event.meter());
    for (UsageListener listener : listeners) {
      try {
        listener.onAccepted(event, period, value);
      } catch (RuntimeException e) {
        LOG.warn("usage listener {} failed for team {} meter {}", listener, event.teamId(),
            event.meter(), e);
      }
    }
  }

  private void enqueue(UsageEvent event) {
    synchronized (pending) {
      if (pending.size() < maxPending) {
        pending.addLast(event);
        return;
      }
    }
    long count = dropped.incrementAndGet();
    LOG.error("usage retry buffer full ({} events); dropped event for team {} meter {} ({} dropped)",
        maxPending, event.teamId(), event.meter(), count);
  }

  private static final class Window {
    final long startMillis;
    final long endMillis;
    final BillingPeriod period;

    Window(BillingPeriod period) {
      this.period = period;
      this.startMillis = period.start().toEpochMilli();
      this.endMillis = period.end().toEpochMilli();
    }
  }
}
