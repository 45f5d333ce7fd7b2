package dev.obskit.core;

import dev.obskit.core.ShutdownReport.ModuleShutdown;
import dev.obskit.core.ShutdownReport.Outcome;
import dev.obskit.core.http.Router;
import dev.obskit.core.http.TrustedProxies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root object a host creates once: it owns the shared {@link ObsContext} and the enabled
 * modules, starts them in order and closes them in reverse order within a bounded deadline.
 *
 * <pre>{@code
 * try (ObsKit kit = ObsKit.builder()
 *     .addModule(ctx -> UptimeModule.create(ctx, uptimeConfig))
 *     .build()
 *     .start()) {
 *   UptimeModule uptime = kit.module(UptimeModule.class);
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} is idempotent and never throws; it returns after at most the
 * configured shutdown timeout (plus a few milliseconds per module), whatever the modules do.
 */
public final class ObsKit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ObsKit.class);
  private static final Duration MIN_MODULE_GRACE = Duration.ofMillis(10);
  /** Most time held back for each module still to stop while an earlier one is stopping. */
  private static final Duration MAX_MODULE_RESERVE = Duration.ofMillis(100);

  private final ObsContext context;
  private final List<ObsModule> modules;
  private final Duration shutdownTimeout;
  private final boolean ownsEventBus;
  private final Object lock = new Object();
  private final List<ObsModule> started = new ArrayList<>();
  private final AtomicReference<ShutdownReport> shutdownReport = new AtomicReference<>();
  private boolean startCalled;
  private Router router;

  ObsKit(ObsContext context, List<ObsModule> modules, Duration shutdownTimeout, boolean ownsEventBus) {
    this.context = context;
    this.modules = List.copyOf(modules);
    this.shutdownTimeout = shutdownTimeout;
    this.ownsEventBus = ownsEventBus;
  }

  /** Returns a builder with embedded defaults: system clock, synchronous bus, environment config. */
  public static ObsKitBuilder builder() {
    return new ObsKitBuilder();
  }

  /**
   * Starts every module in the order added. If one throws, the ones already started are shut down
   * in reverse order and {@link ObsStartException} is thrown. Returns {@code this}. A kit starts
   * at most once and never after it was shut down.
   */
  public ObsKit start() {
    synchronized (lock) {
      if (shutdownReport.get() != null) {
        throw new IllegalStateException("ObsKit was already shut down");
      }
      if (startCalled) {
        throw new IllegalStateException("ObsKit was already started");
      }
      startCalled = true;
      for (ObsModule module : modules) {
        try {
          module.start();
          started.add(module);
          log.debug("ObsKit module '{}' started", module.name());
        } catch (RuntimeException | LinkageError e) {
          // LinkageError: a module whose optional dependency is missing must not leave the modules
          // started before it running. The kit is finished: later shutdown() calls return this
          // report.
          shutdownReport.set(shutdownStarted());
          throw new ObsStartException(module.name(), e);
        }
      }
    }
    return this;
  }

  /** Returns the shared context. */
  public ObsContext context() {
    return context;
  }

  /**
   * Returns the router over every route the modules registered in {@link ObsContext#routes()},
   * built on first call (call it after {@link #start()}, when every module has registered) and
   * closed with the kit. A group is left out when {@code obs.http.<group>.enabled=false};
   * {@code obs.http.trusted-proxies} lists the proxies (IPs or CIDRs) whose {@code X-Forwarded-For}
   * is believed. Adapters (the embedded server, the servlet adapter) serve this router.
   */
  public Router router() {
    synchronized (lock) {
      if (router == null) {
        router = Router.builder()
            .addAll(context.routes().groups())
            .enabledGroups(g -> context.config().getBoolean("obs.http." + g + ".enabled", true))
            .trustedProxies(TrustedProxies.of(context.config().getList("obs.http.trusted-proxies")))
            .build();
      }
      return router;
    }
  }

  /** Returns the modules in start order. */
  public List<ObsModule> modules() {
    return modules;
  }

  /** Returns the module of {@code type}, or throws naming the modules that are present. */
  public <T extends ObsModule> T module(Class<T> type) {
    return findModule(type).orElseThrow(() -> new IllegalStateException(
        "no " + type.getSimpleName() + " in this ObsKit; modules present: " + names()));
  }

  /** Returns the module of {@code type}, if one was added. */
  public <T extends ObsModule> Optional<T> findModule(Class<T> type) {
    for (ObsModule m : modules) {
      if (type.isInstance(m)) {
        return Optional.of(type.cast(m));
      }
    }
    return Optional.empty();
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    modules.forEach(m -> names.add(m.name()));
    return names;
  }

  /** Shuts down and returns what happened; later calls return the first report. */
  public ShutdownReport shutdown() {
    synchronized (lock) {
      ShutdownReport report = shutdownReport.get();
      if (report == null) {
        report = shutdownStarted();
        shutdownReport.set(report);
      }
      return report;
    }
  }

  /** Same as {@link #shutdown()}; never throws. */
  @Override
  public void close() {
    ShutdownReport report = shutdown();
    if (!report.isClean()) {
      log.warn("ObsKit shut down with problems: {}", report.modules());
    }
  }

  private void closeStore() {
    try {
      context.store().close();
    } catch (RuntimeException e) {
      log.warn("closing {} failed", context.store(), e);
    }
  }

  /**
   * Stops the started modules in reverse order. Each module may use the time left before the
   * deadline, minus a reserve for every module still to stop after it (at most {@link
   * #MAX_MODULE_RESERVE} each, and together at most half the timeout), so one module that hangs
   * cannot leave the others only milliseconds to flush.
   */
  private ShutdownReport shutdownStarted() {
    long startNanos = System.nanoTime();
    long deadline = startNanos + shutdownTimeout.toNanos();
    long reserve = Math.min(MAX_MODULE_RESERVE.toNanos(),
        shutdownTimeout.toNanos() / (2L * Math.max(1, modules.size())));
    int stillToStop = started.size();
    List<ModuleShutdown> results = new ArrayList<>();
    for (int i = modules.size() - 1; i >= 0; i--) {
      ObsModule module = modules.get(i);
      if (!started.contains(module)) {
        results.add(new ModuleShutdown(module.name(), Outcome.NOT_STARTED, Duration.ZERO, ""));
        continue;
      }
      stillToStop--;
      long budget = Math.max(MIN_MODULE_GRACE.toNanos(),
          deadline - System.nanoTime() - reserve * stillToStop);
      results.add(ModuleStopper.stop(module, Duration.ofNanos(budget)));
    }
    started.clear();
    if (router != null) {
      router.close();
    }
    if (ownsEventBus) {
      context.eventBus().close();
    }
    closeStore();
    return new ShutdownReport(results, Duration.ofNanos(System.nanoTime() - startNanos));
  }
}
