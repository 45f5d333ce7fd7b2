package dev.obskit.core;

import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.http.RouteRegistry;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.core.store.Store;
import dev.obskit.core.store.StoredKeys;
import dev.obskit.core.usage.QuotaDecision;
import dev.obskit.core.usage.QuotaGate;
import dev.obskit.core.usage.UsageReporter;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every module of one {@link ObsKit} shares: the clock, the event bus, the alert manager, id
 * generation, configuration, the PII scrubber, usage reporting, the {@link Store} every repository
 * comes from, and a small registry through which
 * a module offers a service to the others by interface (obs-billing registers its
 * {@link QuotaGate}; obs-errors asks for one). Thread-safe.
 */
public final class ObsContext {
  private static final Logger log = LoggerFactory.getLogger(ObsContext.class);
  private final Clock clock;
  private final EventBus eventBus;
  private final AlertManager alerts;
  private final IdGenerator ids;
  private final ConfigProperties config;
  private final PiiScrubber scrubber;
  private final UsageReporter usage;
  private final Store store;
  private final ConcurrentHashMap<Class<?>, Object> repositories = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Class<?>, Object> services = new ConcurrentHashMap<>();
  private final AtomicLong quotaGateFailures = new AtomicLong();
  private final RouteRegistry routes = RouteRegistry.create();

  ObsContext(Clock clock, EventBus eventBus, AlertManager alerts, IdGenerator ids,
      ConfigProperties config, PiiScrubber scrubber, Store store) {
    this.clock = clock;
    this.eventBus = eventBus;
    this.alerts = alerts;
    this.ids = ids;
    this.config = config;
    this.scrubber = scrubber;
    this.usage = UsageReporter.publishing(eventBus);
    this.store = store;
  }

  /** Returns the clock every module must read time from. */
  public Clock clock() {
    return clock;
  }

  /** Returns the shared event bus. */
  public EventBus eventBus() {
    return eventBus;
  }

  /** Returns the alert manager. */
  public AlertManager alerts() {
    return alerts;
  }

  /** Returns the id generator. */
  public IdGenerator ids() {
    return ids;
  }

  /** Returns the configuration view. */
  public ConfigProperties config() {
    return config;
  }

  /** Returns the PII scrubber. */
  public PiiScrubber scrubber() {
    return scrubber;
  }

  /** Returns where to report billable usage. */
  public UsageReporter usage() {
    return usage;
  }

  /**
   * Returns a quota gate that asks whichever gate is registered at call time (obs-billing's, if it
   * was added), and allows everything otherwise. Modules can take it at creation regardless of
   * module order. The returned gate never throws: if the registered gate does (or returns null),
   * it fails open, allowing the action, because refusing ingest over a billing bug would lose the
   * host's data; the failure is logged (first, then at powers of two, so a hot path cannot flood).
   */
  public QuotaGate quotaGate() {
    return (teamId, meter, quantity) -> {
      QuotaGate gate = (QuotaGate) services.get(QuotaGate.class);
      if (gate == null) {
        return QuotaDecision.unlimited();
      }
      try {
        QuotaDecision decision = gate.check(teamId, meter, quantity);
        if (decision != null) {
          return decision;
        }
        reportGateFailure(meter, new NullPointerException("QuotaGate returned null"));
      } catch (RuntimeException e) {
        reportGateFailure(meter, e);
      }
      return QuotaDecision.unlimited();
    };
  }

  private void reportGateFailure(String meter, RuntimeException e) {
    long n = quotaGateFailures.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      log.warn("QuotaGate failed on meter {} ({} failures so far); allowing the action", meter, n, e);
    }
  }

  /** Returns the kit's store (default {@link Store#inMemory()}). */
  public Store store() {
    return store;
  }

  /** Returns the kit's stored secret keys: {@code store().keys()}. */
  public StoredKeys keys() {
    return store.keys();
  }

  /**
   * Returns the repository of interface {@code type}: the store's implementation if it has one,
   * else the one {@code inMemory} creates. Modules call this for every repository they use instead
   * of constructing one. The answer is resolved once per type and shared by every module of the
   * kit, so {@code inMemory} runs at most once per type. If a durable store lacks the type, the
   * fallback is logged as a warning, because that state will not survive a restart.
   */
  public <R> R repository(Class<R> type, Supplier<? extends R> inMemory) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(inMemory, "inMemory");
    return type.cast(repositories.computeIfAbsent(type, t -> resolve(type, inMemory)));
  }

  private <R> R resolve(Class<R> type, Supplier<? extends R> inMemory) {
    Optional<R> stored = store.repository(type);
    if (stored.isPresent()) {
      return stored.get();
    }
    if (store.durable()) {
      log.warn("{} has no {}; keeping that state in memory, it will not survive a restart",
          store, type.getName());
    }
    return Objects.requireNonNull(inMemory.get(), "in-memory " + type.getName());
  }

  /**
   * Returns where modules register their HTTP routes ({@code ctx.routes().add(RouteGroup.of(...))}),
   * at creation or start; adapters serve them through {@link ObsKit#router()}.
   */
  public RouteRegistry routes() {
    return routes;
  }

  /** Offers {@code service} to other modules under {@code type}; one per type. */
  public <T> void register(Class<T> type, T service) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(service, "service");
    Object previous = services.putIfAbsent(type, service);
    if (previous != null) {
      throw new IllegalStateException(type.getName() + " was already registered as " + previous);
    }
  }

  /** Returns the service registered under {@code type}, if any. */
  public <T> Optional<T> lookup(Class<T> type) {
    return Optional.ofNullable(type.cast(services.get(type)));
  }
}
