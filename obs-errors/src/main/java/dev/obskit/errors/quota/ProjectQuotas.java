package dev.obskit.errors.quota;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.QuotaDecision;
import dev.obskit.core.usage.QuotaGate;
import dev.obskit.errors.ProjectConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-project event quotas: a monthly allowance (calendar month, UTC), an optional per-minute rate
 * limit, and the kit-wide {@link QuotaGate} (obs-billing's plan limits when present). Lock-free;
 * thread-safe; never blocks. Counts only events it allowed.
 */
public final class ProjectQuotas {
  private record Counter(long period, long used) {}

  private final Clock clock;
  private final QuotaGate gate;
  private final ConcurrentHashMap<ProjectId, AtomicReference<Counter>> monthly = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ProjectId, AtomicReference<Counter>> minutely = new ConcurrentHashMap<>();

  /** Creates quotas reading time from {@code clock} and consulting {@code gate}. */
  public ProjectQuotas(Clock clock, QuotaGate gate) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** Decides for {@code events} events and, when allowed, counts them. */
  public QuotaVerdict tryAcquire(ProjectConfig project, int events) {
    Instant now = clock.instant();
    YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    long monthKey = month.getYear() * 12L + month.getMonthValue();
    if (!acquire(monthly, project.id(), monthKey, project.monthlyQuota(), events)) {
      Instant nextMonth = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      return new QuotaVerdict(false, Duration.between(now, nextMonth), "project", "usage_exceeded");
    }
    if (project.rateLimitPerMinute() > 0) {
      long minute = Math.floorDiv(now.toEpochMilli(), 60_000L);
      if (!acquire(minutely, project.id(), minute, project.rateLimitPerMinute(), events)) {
        release(monthly, project.id(), monthKey, events);
        return new QuotaVerdict(false, Duration.ofMillis((minute + 1) * 60_000L - now.toEpochMilli()),
            "key", "rate_limited");
      }
    }
    QuotaDecision decision = gate.check(project.teamId(), Meters.ERROR_EVENTS, events);
    if (!decision.allowed()) {
      release(monthly, project.id(), monthKey, events);
      Duration wait = decision.retryAfter().isZero() ? Duration.ofMinutes(1) : decision.retryAfter();
      return new QuotaVerdict(false, wait, "organization", "usage_exceeded");
    }
    return QuotaVerdict.allowedVerdict();
  }

  /** Returns the events counted for the project in the current month. */
  public long usedThisMonth(ProjectId project) {
    YearMonth month = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
    AtomicReference<Counter> ref = monthly.get(project);
    Counter c = ref == null ? null : ref.get();
    return c == null || c.period != month.getYear() * 12L + month.getMonthValue() ? 0 : c.used;
  }

  private static boolean acquire(ConcurrentHashMap<ProjectId, AtomicReference<Counter>> counters,
      ProjectId project, long period, long limit, int n) {
    AtomicReference<Counter> ref = counters.computeIfAbsent(project,
        k -> new AtomicReference<>(new Counter(period, 0)));
    while (true) {
      Counter cur = ref.get();
      long used = cur.period == period ? cur.used : 0;
      if (used + n > limit) {
        return false;
      }
      if (ref.compareAndSet(cur, new Counter(period, used + n))) {
        return true;
      }
    }
  }

  private static void release(ConcurrentHashMap<ProjectId, AtomicReference<Counter>> counters,
      ProjectId project, long period, int n) {
    AtomicReference<Counter> ref = counters.get(project);
    ref.updateAndGet(c -> c.period == period ? new Counter(period, Math.max(0, c.used - n)) : c);
  }
}
