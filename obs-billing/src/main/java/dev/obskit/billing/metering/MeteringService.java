package dev.obskit.billing.metering;

import dev.obskit.billing.money.Decimals;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters usage events: checks them against the {@link MeterCatalog} and the {@link
 * MeteringPolicy} (known meter, timestamp within the accepted window, quantity within the meter's
 * limit), resolves the team's billing period (in its billing time zone), writes the event through
 * the {@link UsageLedger} (idempotent on team, meter, period and key) and tells listeners.
 *
 * <p>Outcomes: transient write failures ({@link IngestOutcome#FAILED}) can be queued in a bounded
 * buffer and retried later; because the ledger records a key only with its write, a retried event
 * counts exactly once. Permanent failures ({@link IngestOutcome#REJECTED}, {@link
 * IngestOutcome#CONFLICT}, including a sum that would overflow) are never retried: they are
 * dead-lettered with their {@link RejectReason} (bounded, {@link #deadLetters()}), counted per
 * reason and logged sparingly (on the 1st, 2nd, 4th, 8th... of each reason).
 *
 * <p>Never throws into the caller for a bad event or a ledger failure; never blocks beyond the
 * ledger's own per-shard lock. Thread-safe.
 */
public final class MeteringService {
  /** How far in the future (by the clock) an event's timestamp may be by default. */
  public static final Duration MAX_FUTURE_SKEW = MeteringPolicy.DEFAULT_MAX_FUTURE_SKEW;
  /** Default number of failed events kept for retry. */
  public static final int DEFAULT_MAX_PENDING = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(MeteringService.class);
  /** Widest offset from UTC of any zone: a period ends at most this long after its UTC month. */
  private static final Duration MAX_ZONE_OFFSET = Duration.ofHours(14);

  private final UsageLedger ledger;
  private final MeterCatalog catalog;
  private final Clock clock;
  private final int maxPending;
  private final MeteringPolicy policy;
  private final ConcurrentHashMap<TeamId, ZoneId> zones = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ZoneId, Window> windows = new ConcurrentHashMap<>();
  private final List<UsageListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<UsageEvent> pending = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final ArrayDeque<DeadLetter> deadLetters = new ArrayDeque<>();
  private final Map<RejectReason, AtomicLong> rejections = new EnumMap<>(RejectReason.class);
  private volatile long nextForgetCheckMillis = Long.MIN_VALUE;

  /** Creates a service over {@code ledger} with the default {@link MeteringPolicy}. */
  public MeteringService(UsageLedger ledger, MeterCatalog catalog, Clock clock, int maxPending) {
    this(ledger, catalog, clock, maxPending, MeteringPolicy.DEFAULT);
  }

  /** Creates a service over {@code ledger} applying {@code policy}. */
  public MeteringService(UsageLedger ledger, MeterCatalog catalog, Clock clock, int maxPending,
      MeteringPolicy policy) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    if (maxPending < 0) {
      throw new IllegalArgumentException("maxPending must be >= 0, got " + maxPending);
    }
    this.maxPending = maxPending;
    for (RejectReason reason : RejectReason.values()) {
      rejections.put(reason, new AtomicLong());
    }
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

  /** Returns the policy applied. */
  public MeteringPolicy policy() {
    return policy;
  }

  /** Meters one event; returns what happened. Never throws for a bad event or a storage failure. */
  public IngestOutcome ingest(UsageEvent event) {
    Objects.requireNonNull(event, "event");
    try {
      return meter(event);
    } catch (RuntimeException e) {
      LOG.warn("usage event for team {} meter {} could not be metered; not counted, retryable",
          event.teamId(), event.meter(), e);
      return IngestOutcome.FAILED;
    }
  }

  private IngestOutcome meter(UsageEvent event) {
    Optional<MeterDefinition> known = catalog.find(event.meter());
    if (known.isEmpty()) {
      return reject(event, RejectReason.UNKNOWN_METER, "meter " + Decimals.quote(event.meter())
          + " is not in the meter catalog");
    }
    MeterDefinition meter = known.get();
    if (event.quantity() > policy.maxQuantity(meter.name())) {
      return reject(event, RejectReason.QUANTITY_ABOVE_LIMIT, "quantity " + event.quantity()
          + " of meter " + meter.name() + " is above its limit " + policy.maxQuantity(meter.name()));
    }
    Instant now = clock.instant();
    Window window = windowAt(event.teamId(), now);
    Optional<String> outside = outsideWindow(event.timestamp(), now, window);
    if (outside.isPresent()) {
      return reject(event, RejectReason.TIMESTAMP_OUT_OF_WINDOW, outside.get());
    }
    forgetClosedPeriods(now);
    if (meter.aggregation() == Aggregation.UNIQUE_COUNT
        && !event.dimensions().containsKey(meter.uniqueDimension())) {
      return reject(event, RejectReason.MISSING_DIMENSION, "meter " + meter.name()
          + " counts distinct '" + meter.uniqueDimension() + "' but the event has none");
    }
    BillingPeriod period = !event.timestamp().isBefore(window.start)
        && event.timestamp().isBefore(window.end) ? window.period
        : periodOf(event.teamId(), event.timestamp());
    IngestOutcome outcome;
    try {
      outcome = ledger.record(period, meter, event);
    } catch (RuntimeException e) {
      LOG.warn("usage write failed for team {} meter {}; not counted, retryable", event.teamId(),
          event.meter(), e);
      outcome = IngestOutcome.FAILED;
    }
    return settle(event, meter, period, outcome);
  }

  private IngestOutcome settle(UsageEvent event, MeterDefinition meter, BillingPeriod period,
      IngestOutcome outcome) {
    switch (outcome) {
      case ACCEPTED:
        if (!listeners.isEmpty()) {
          notifyListeners(event, period);
        }
        return outcome;
      case CONFLICT:
        reject(event, RejectReason.CONFLICTING_REPLAY, "key " + Decimals.quote(event.idempotencyKey())
            + " of meter " + meter.name() + " was counted before with another quantity");
        return outcome;
      case REJECTED:
        return reject(event, RejectReason.TOO_MANY_METERS, "team " + event.teamId()
            + " has too many distinct meters in " + period.month());
      case FAILED:
        return overflows(event, meter, period) ? reject(event, RejectReason.OVERFLOW, "adding "
            + event.quantity() + " would overflow the 64-bit value of meter " + meter.name())
            : outcome;
      default:
        return outcome;
    }
  }

  /** Whether a failed write failed because the value cannot take the event (permanent). */
  private boolean overflows(UsageEvent event, MeterDefinition meter, BillingPeriod period) {
    long increment = switch (meter.aggregation()) {
      case SUM -> event.quantity();
      case COUNT -> 1;
      default -> 0;
    };
    try {
      long current = ledger.value(event.teamId(), period, meter.name());
      return increment > 0 && current > Long.MAX_VALUE - increment;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Optional<String> outsideWindow(Instant timestamp, Instant now, Window window) {
    if (timestamp.isAfter(now.plus(policy.maxFutureSkew()))) {
      return Optional.of("dated " + timestamp + ", more than " + policy.maxFutureSkew()
          + " after now (" + now + ")");
    }
    Instant earliest = now.isBefore(window.lateDataEnd) ? window.previousStart : window.start;
    if (timestamp.isBefore(earliest)) {
      return Optional.of("dated " + timestamp + ", before " + earliest + " (the earliest period"
          + " still open at " + now + ")");
    }
    return Optional.empty();
  }

  /** Forgets the keys of periods that no longer accept events in any zone (bounded memory). */
  private void forgetClosedPeriods(Instant now) {
    long millis = now.toEpochMilli();
    if (millis < nextForgetCheckMillis) {
      return;
    }
    boolean first = nextForgetCheckMillis == Long.MIN_VALUE;
    Instant horizon = now.minus(policy.lateDataWindow()).minus(MAX_ZONE_OFFSET);
    YearMonth open = YearMonth.from(horizon.atZone(ZoneOffset.UTC));
    nextForgetCheckMillis = open.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
        .plus(policy.lateDataWindow()).plus(MAX_ZONE_OFFSET).toEpochMilli();
    if (first) {
      return; // nothing of this service's to forget yet; spares a store a query on the first event
    }
    try {
      ledger.forgetKeysBefore(open);
    } catch (RuntimeException e) {
      LOG.warn("could not forget the idempotency keys of periods before {}", open, e);
    }
  }

  private IngestOutcome reject(UsageEvent event, RejectReason reason, String detail) {
    long count = rejections.get(reason).incrementAndGet();
    if (Long.bitCount(count) == 1) {
      LOG.warn("usage event for team {} meter {} refused ({}, {} so far): {}", event.teamId(),
          Decimals.quote(event.meter()), reason, count, detail);
    }
    if (policy.maxDeadLetters() > 0) {
      DeadLetter letter = new DeadLetter(event, reason, detail, clock.instant());
      synchronized (deadLetters) {
        if (deadLetters.size() >= policy.maxDeadLetters()) {
          deadLetters.pollFirst();
        }
        deadLetters.addLast(letter);
      }
    }
    return reason == RejectReason.CONFLICTING_REPLAY ? IngestOutcome.CONFLICT
        : IngestOutcome.REJECTED;
  }

  /** Returns the most recent permanently refused events, oldest first (bounded by the policy). */
  public List<DeadLetter> deadLetters() {
    synchronized (deadLetters) {
      return List.copyOf(deadLetters);
    }
  }

  /** Returns how many events were refused for {@code reason} since the service started. */
  public long rejectedCount(RejectReason reason) {
    return rejections.get(Objects.requireNonNull(reason, "reason")).get();
  }

  /** Returns how many conflicting replays (same key, another quantity) were refused. */
  public long conflictCount() {
    return rejectedCount(RejectReason.CONFLICTING_REPLAY);
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
    return windowAt(teamId, instant).period;
  }

  private Window windowAt(TeamId teamId, Instant instant) {
    ZoneId zone = billingZone(teamId);
    Window window = windows.get(zone);
    if (window != null && !instant.isBefore(window.start) && instant.isBefore(window.end)) {
      return window;
    }
    window = new Window(BillingPeriod.containing(instant, zone), policy.lateDataWindow());
    windows.put(zone, window);
    return window;
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

  /** A period with the instants the window checks need, cached per zone. */
  private static final class Window {
    final Instant start;
    final Instant end;
    final Instant previousStart;
    final Instant lateDataEnd;
    final BillingPeriod period;

    Window(BillingPeriod period, Duration lateDataWindow) {
      this.period = period;
      this.start = period.start();
      this.end = period.end();
      this.previousStart = new BillingPeriod(period.month().minusMonths(1), period.zone()).start();
      this.lateDataEnd = start.plus(lateDataWindow);
    }
  }
}
