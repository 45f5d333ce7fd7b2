package dev.obskit.core;

import dev.obskit.core.ShutdownReport.ModuleShutdown;
import dev.obskit.core.ShutdownReport.Outcome;
import dev.obskit.core.health.Health;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.http.Router;
import dev.obskit.core.http.TrustedProxies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final List<EmbeddedHttpServer> servers = new ArrayList<>();
  /** Set by the builder when the host asked for the embedded HTTP server at start. */
  HttpServerConfig httpServerConfig;

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
      if (httpServerConfig != null) {
        try {
          servers.add(EmbeddedHttpServer.start(router(), httpServerConfig));
        } catch (RuntimeException e) {
          shutdownReport.set(shutdownStarted());
          throw new ObsStartException("http", e);
        }
      }
    }
    return this;
  }

  /**
   * Serves {@link #router()} on the embedded JDK server at {@code port} (0 picks a free one), with
   * the other {@code obs.http.*} settings of {@link HttpServerConfig#fromConfig}: by default bound
   * to 127.0.0.1, daemon threads only. The server stops when the kit shuts down. Call after
   * {@link #start()}.
   */
  public EmbeddedHttpServer serve(int port) {
    return serve(HttpServerConfig.fromConfig(context.config()).toBuilder().port(port).build());
  }

  /** Serves {@link #router()} on the embedded JDK server with {@code config}; stops with the kit. */
  public EmbeddedHttpServer serve(HttpServerConfig config) {
    synchronized (lock) {
      if (shutdownReport.get() != null) {
        throw new IllegalStateException("ObsKit was already shut down");
      }
      EmbeddedHttpServer server = EmbeddedHttpServer.start(router(), config);
      servers.add(server);
      return server;
    }
  }

  /** Returns the embedded servers started by {@link #serve} or the builder, in start order. */
  public List<EmbeddedHttpServer> httpServers() {
    synchronized (lock) {
      return List.copyOf(servers);
    }
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
            .add(dev.obskit.core.http.HealthRoutes.group(() -> modules))
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

  /**
   * Returns every module's health by name, in start order: DOWN for a module that is not started
   * or was shut down, and DOWN naming the exception type when a module's own check throws (it
   * never reaches the caller). Cheap; never blocks on module work.
   */
  public Map<String, Health> health() {
    Map<String, Health> all = new LinkedHashMap<>();
    boolean stopped;
    List<ObsModule> running;
    synchronized (lock) {
      stopped = shutdownReport.get() != null;
      running = List.copyOf(started);
    }
    for (ObsModule module : modules) {
      all.put(module.name(), healthOf(module, stopped, running.contains(module)));
    }
    return all;
  }

  private static Health healthOf(ObsModule module, boolean stopped, boolean running) {
    if (stopped) {
      return Health.builder().down("stopped").build();
    }
    if (!running) {
      return Health.builder().down("not started").build();
    }
    try {
      Health health = module.health();
      return health != null ? health : Health.builder().down("health check returned nothing").build();
    } catch (RuntimeException | LinkageError e) {
      return Health.builder().down("health check failed: " + e.getClass().getSimpleName()).build();
    }
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
    servers.forEach(EmbeddedHttpServer::close);
    servers.clear();
    if (router != null) {
      router.close();
    }
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
    if (ownsEventBus) {
      context.eventBus().close();
    }
    closeStore();
    return new ShutdownReport(results, Duration.ofNanos(System.nanoTime() - startNanos));
  }
}
