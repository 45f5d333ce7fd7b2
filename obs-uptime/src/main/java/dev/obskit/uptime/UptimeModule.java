package dev.obskit.uptime;

import dev.obskit.core.ObsContext;
import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.ObsModule;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Checker;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.config.MonitorFile;
import dev.obskit.uptime.heartbeat.Heartbeat;
import dev.obskit.uptime.heartbeat.HeartbeatService;
import dev.obskit.uptime.history.HistoryStore;
import dev.obskit.uptime.maintenance.MaintenanceWindow;
import dev.obskit.uptime.schedule.CheckScheduler;
import dev.obskit.uptime.schedule.ProbeLauncher;
import dev.obskit.uptime.schedule.SchedulerDriver;
import dev.obskit.uptime.schedule.SchedulerStats;
import dev.obskit.uptime.slo.Slo;
import dev.obskit.uptime.slo.SloEvaluator;
import dev.obskit.uptime.slo.SloStatus;
import dev.obskit.uptime.state.MachineSnapshot;
import dev.obskit.uptime.state.MonitorState;
import dev.obskit.uptime.state.StateTransition;
import dev.obskit.uptime.state.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uptime module: HTTP, TCP, DNS, TLS, domain, mail and ping monitors on one scheduler,
 * heartbeats, availability accounting and SLO burn-rate alerts. Add it with
 * {@code ObsKit.builder().addModule(ctx -> UptimeModule.create(ctx, config))}.
 *
 * <p>Time comes only from {@code ctx.clock()}. With the driver enabled (the default) a daemon
 * thread runs due checks in real time; with it disabled (tests, simulations) the host calls
 * {@link #runDue()} after advancing its clock. Failures become alerts through {@code
 * ctx.alerts()} only after the monitor's confirmation period (key {@code uptime:monitor:<id>}),
 * and resolve after its recovery period. Monitor and heartbeat counts per team are reported to
 * {@code ctx.usage()} ({@link Meters#MONITORS}, {@link Meters#HEARTBEATS}) whenever they change.
 * All public methods are thread-safe and never block beyond a short lock.
 */
public final class UptimeModule implements ObsModule {
  private static final Logger LOG = LoggerFactory.getLogger(UptimeModule.class);

  private final ObsContext ctx;
  private final UptimeConfig config;
  private final Probes probes;
  private final AvailabilityStore store;
  private final HeartbeatService heartbeats;
  private final SloEvaluator sloEvaluator;
  private final CheckScheduler scheduler;
  private final SchedulerDriver driver;
  private final Map<MonitorId, MonitorRuntime> runtimes = new ConcurrentHashMap<>();
  private final Map<String, Slo> slos = new ConcurrentHashMap<>();
  private final List<MaintenanceWindow> globalMaintenance = new CopyOnWriteArrayList<>();
  private final Object sloLock = new Object();
  private final HistorySnapshots snapshots;
  private final SelfMonitor self;
  private Instant lastSloRun = Instant.MIN;

  private UptimeModule(ObsContext ctx, UptimeConfig config) {
    this.ctx = ctx;
    this.config = config;
    this.self = new SelfMonitor(config, ctx.alerts());
    this.probes = new Probes(ctx.clock(), config,
        (what, e) -> self.problem(what, what + ": " + e, ctx.clock().instant()));
    this.store = new AvailabilityStore(ctx.clock());
    this.heartbeats = new HeartbeatService(ctx.clock(), ctx.alerts(), ctx.eventBus(), store,
        ctx.scrubber());
    ctx.routes().add(dev.obskit.uptime.http.HeartbeatRoutes.group(heartbeats));
    this.sloEvaluator = new SloEvaluator(ctx.clock(), store, ctx.alerts());
    this.scheduler = new CheckScheduler(ctx.clock(), new ProbeLauncher() {
      @Override
      public CompletableFuture<?> launch(Monitor monitor) {
        return UptimeModule.this.launch(monitor);
      }

      @Override
      public void skipped(Monitor monitor, SkipCause cause) {
        UptimeModule.this.skipped(monitor, cause);
      }
    }, config.maxPerHost(), Math.max(1, config.probeQueueCapacity()), config.jitter());
    this.driver = new SchedulerDriver(ctx.clock(), scheduler, this::housekeeping,
        config.maxTickSleep(), (what, e) -> self.problem(what, what + ": " + e,
            ctx.clock().instant()));
    // The config's history store wins; else the kit store's (a JDBC one, say); else none.
    this.snapshots = config.historyStore()
        .or(() -> ctx.store().repository(HistoryStore.class)).map(h -> new HistorySnapshots(h,
        config.snapshotInterval(), ctx.clock(), config.driverEnabled())).orElse(null);
  }

  /** Creates the module; monitors in {@code config} (and its file) are registered at once. */
  public static UptimeModule create(ObsContext ctx, UptimeConfig config) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(config, "config");
    UptimeModule module = new UptimeModule(ctx, config);
    if (module.snapshots != null) {
      module.snapshots.restore(module.store);
    }
    config.monitorsFile().ifPresent(file -> {
      MonitorFile.Contents contents = MonitorFile.load(file, config.fileTeam());
      contents.monitors().forEach(module::addMonitor);
      contents.heartbeats().forEach(module::addHeartbeat);
    });
    config.monitors().forEach(module::addMonitor);
    config.heartbeats().forEach(module::addHeartbeat);
    config.slos().forEach(module::addSlo);
    UptimeAvailabilityView view = new UptimeAvailabilityView(module);
    if (ctx.lookup(AvailabilityView.class).isEmpty()) {
      ctx.register(AvailabilityView.class, view);
    }
    ctx.routes().add(dev.obskit.uptime.http.UptimeApiRoutes.group(module, view, ctx.clock(),
        dev.obskit.core.http.ApiAccess.fromConfig(ctx.config())));
    return module;
  }

  @Override
  public String name() {
    return "uptime";
  }

  @Override
  public void start() {
    if (config.driverEnabled()) {
      driver.start();
    }
  }

  @Override
  public void shutdown(Duration timeout) {
    probes.stopping();
    if (config.driverEnabled()) {
      driver.stop(timeout.dividedBy(2));
    }
    probes.shutdown(timeout.dividedBy(2));
    if (snapshots != null) {
      snapshots.shutdown(this);
    }
  }

  /** Adds or replaces a monitor. A paused monitor is registered but not checked. */
  public void addMonitor(Monitor monitor) {
    Objects.requireNonNull(monitor, "monitor");
    boolean[] created = new boolean[1];
    MonitorRuntime rt = runtimes.compute(monitor.id(), (id, old) -> {
      if (old == null) {
        created[0] = true;
        return new MonitorRuntime(monitor);
      }
      old.redefine(monitor);
      return old;
    });
    if (created[0] && snapshots != null) {
      snapshots.takeState(monitor.id()).ifPresent(s -> restoreState(rt, s));
    }
    if (monitor.paused()) {
      pauseRuntime(rt);
    } else {
      publish(List.copyOf(rt.machine().resume(ctx.clock().instant()).transitions()));
      scheduler.schedule(monitor);
      driver.wake();
    }
    reportCount(monitor.teamId(), Meters.MONITORS, countMonitors(monitor.teamId()));
  }

  /** Removes a monitor and forgets its history; its open alert is resolved. */
  public boolean removeMonitor(MonitorId id) {
    MonitorRuntime rt = runtimes.remove(id);
    if (rt == null) {
      return false;
    }
    scheduler.unschedule(id);
    store.remove(id);
    Monitor m = rt.monitor();
    ctx.alerts().resolve(m.teamId(), MonitorRuntime.dedupKey(m), "obs-uptime: monitor removed");
    reportCount(m.teamId(), Meters.MONITORS, countMonitors(m.teamId()));
    return true;
  }

  /** Pauses a monitor: no checks, no alerts, time not counted. Its open alert stays open. */
  public boolean pause(MonitorId id) {
    MonitorRuntime rt = runtimes.get(id);
    if (rt == null) {
      return false;
    }
    rt.redefine(rt.monitor().toBuilder().setPaused(true).build());
    pauseRuntime(rt);
    return true;
  }

  /** Resumes a paused monitor. */
  public boolean resume(MonitorId id) {
    MonitorRuntime rt = runtimes.get(id);
    if (rt == null) {
      return false;
    }
    addMonitor(rt.monitor().toBuilder().setPaused(false).build());
    return true;
  }

  /**
   * Puts a restored state back. A monitor that was confirmed down stays DOWN and its alert is
   * triggered again: an alert manager that kept it merges (same dedup key), one that lost it on
   * restart gets it back, and the next confirmed recovery resolves it.
   */
  private void restoreState(MonitorRuntime rt, MachineSnapshot s) {
    Instant now = ctx.clock().instant();
    Step step = rt.machine().restore(s, now);
    store.apply(rt.monitor().id(), step);
    publish(step.transitions());
    if (s.confirmedDown()) {
      s.outageStart().ifPresent(start -> store.outageStarted(rt.monitor().id(), start));
      ctx.alerts().trigger(rt.downAlertAfterRestart(s.lastCause()));
    }
  }

  /** Returns {@code id}'s state machine snapshot, when it is a registered monitor. */
  Optional<MachineSnapshot> machineSnapshot(MonitorId id) {
    return Optional.ofNullable(runtimes.get(id)).map(r -> r.machine().snapshot());
  }

  /** Returns the ids of the registered monitors. */
  List<MonitorId> monitorIds() {
    return List.copyOf(runtimes.keySet());
  }

  /**
   * Saves the history now through the configured {@link HistoryStore} on the calling thread
   * (blocking on its I/O); returns false without one. Failures are logged, not thrown.
   */
  public boolean saveHistory() {
    if (snapshots == null) {
      return false;
    }
    snapshots.saveNow(this);
    return true;
  }

  private void pauseRuntime(MonitorRuntime rt) {
    scheduler.unschedule(rt.monitor().id());
    var step = rt.machine().pause(ctx.clock().instant());
    store.apply(rt.monitor().id(), step);
    publish(step.transitions());
  }

  /** Adds a maintenance window applying to every monitor. */
  public void addGlobalMaintenance(MaintenanceWindow window) {
    globalMaintenance.add(Objects.requireNonNull(window, "window"));
  }

  /** Adds a heartbeat. */
  public void addHeartbeat(Heartbeat heartbeat) {
    heartbeats.add(heartbeat);
    reportCount(heartbeat.teamId(), Meters.HEARTBEATS, heartbeats.count(heartbeat.teamId()));
  }

  /** Returns the heartbeat ping entry point. */
  public HeartbeatService heartbeats() {
    return heartbeats;
  }

  /** Adds an SLO, evaluated every {@link UptimeConfig#sloInterval()}. */
  public void addSlo(Slo slo) {
    slos.put(slo.id(), Objects.requireNonNull(slo, "slo"));
    sloEvaluator.register(slo);
  }

  /** Evaluates an SLO now (raising or resolving its alerts) and returns its status. */
  public Optional<SloStatus> evaluateSlo(String id) {
    Slo slo = slos.get(id);
    return slo == null ? Optional.empty() : Optional.of(sloEvaluator.evaluate(slo));
  }

  /** Returns the status of {@code slo} now without raising or resolving anything. */
  public SloStatus sloStatus(Slo slo) {
    return sloEvaluator.status(Objects.requireNonNull(slo, "slo"));
  }

  /** Returns the availability store (uptime %, buckets, daily bars, SLIs). */
  public AvailabilityStore availability() {
    return store;
  }

  /** Returns a monitor's current definition. */
  public Optional<Monitor> monitor(MonitorId id) {
    return Optional.ofNullable(runtimes.get(id)).map(MonitorRuntime::monitor);
  }

  /** Returns every monitor. */
  public List<Monitor> monitors() {
    return runtimes.values().stream().map(MonitorRuntime::monitor).toList();
  }

  /** Returns a monitor's state. */
  public Optional<MonitorState> state(MonitorId id) {
    return Optional.ofNullable(runtimes.get(id)).map(r -> r.machine().state());
  }

  /** Returns a monitor's recent transitions, oldest first. */
  public List<StateTransition> transitions(MonitorId id) {
    MonitorRuntime rt = runtimes.get(id);
    return rt == null ? List.of() : rt.machine().transitions();
  }

  /** Returns a monitor's last check result. */
  public Optional<CheckResult> lastResult(MonitorId id) {
    return Optional.ofNullable(runtimes.get(id)).flatMap(MonitorRuntime::lastResult);
  }

  /**
   * Returns the module's own health: DEGRADED, with the reasons, while checks could not run
   * within {@link UptimeConfig#healthWindow()} (probe queue full, budget overrun, ...) or the
   * scheduler had to recover. Never blocks.
   */
  public UptimeHealth uptimeHealth() {
    return self.health(ctx.clock().instant());
  }

  /** Returns the probes (package-private, for tests). */
  Probes probes() {
    return probes;
  }

  /** The same as {@link #uptimeHealth()} in the kit-wide form (health route, Actuator). */
  @Override
  public dev.obskit.core.health.Health health() {
    UptimeHealth h = uptimeHealth();
    dev.obskit.core.health.Health.Builder b = dev.obskit.core.health.Health.builder();
    h.reasons().forEach(b::degraded);
    h.uncheckedByCause().forEach((cause, n) -> b.detail("unchecked." + cause.name().toLowerCase(java.util.Locale.ROOT), n));
    return b.detail("monitors", runtimes.size()).build();
  }

  /** Returns how many checks of {@code id} could not run, per cause; empty when none. */
  public Map<SkipCause, Long> uncheckedCounts(MonitorId id) {
    MonitorRuntime rt = runtimes.get(id);
    return rt == null ? Map.of() : rt.unknownCounts();
  }

  /** Returns the dedup key of ObsKit's self-monitoring alert (sent to the operator team). */
  public static String selfMonitoringDedupKey() {
    return SelfMonitor.ALERT_KEY;
  }

  /** Returns the alert dedup key of a monitor. */
  public static String dedupKey(MonitorId id) {
    return "uptime:monitor:" + id.value();
  }

  /** Returns the scheduler's counters (lateness percentiles, checks started and completed). */
  public SchedulerStats schedulerStats() {
    return scheduler.stats();
  }

  /** Clears the scheduler's lateness histogram (benchmarks call it after warm-up). */
  public void resetSchedulerLateness() {
    scheduler.resetLateness();
  }

  /** Returns the checker used for {@code kind}. */
  public Checker checker(MonitorKind kind) {
    return probes.checker(kind);
  }

  /**
   * Runs every check due at the clock's current time, then heartbeat and SLO housekeeping.
   * Returns a future completing when the launched checks have been applied (each bounded by its
   * monitor's timeout). For hosts and tests that drive time themselves.
   */
  public CompletableFuture<Void> runDue() {
    CompletableFuture<Void> done = scheduler.runDue();
    housekeeping();
    return done;
  }

  /** Probes one monitor now, outside the schedule, and applies the result. */
  public CompletableFuture<CheckResult> checkNow(MonitorId id) {
    MonitorRuntime rt = runtimes.get(id);
    if (rt == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no monitor " + id));
    }
    return probeAndApply(rt);
  }

  private CompletableFuture<?> launch(Monitor m) {
    MonitorRuntime rt = runtimes.get(m.id());
    return rt == null ? CompletableFuture.completedFuture(null) : probeAndApply(rt);
  }

  private void skipped(Monitor m, SkipCause cause) {
    MonitorRuntime rt = runtimes.get(m.id());
    if (rt != null) {
      applyResult(rt, CheckResult.unknown(ctx.clock().instant(), cause,
          "host " + m.spec().targetHost() + " has too many checks waiting"));
    }
  }

  private CompletableFuture<CheckResult> probeAndApply(MonitorRuntime rt) {
    return probes.check(rt.monitor()).thenApply(result -> applyResult(rt, result));
  }

  private CheckResult applyResult(MonitorRuntime rt, CheckResult result) {
    try {
      result.skipCause().ifPresent(c -> self.unknown(c, result.startedAt()));
      rt.apply(result, ctx, store, globalMaintenance, config.secondOpinion());
      sloEvaluator.record(rt.monitor().id(), result,
          rt.inMaintenance(result.startedAt(), globalMaintenance));
    } catch (RuntimeException e) {
      LOG.error("applying the result of {} failed", rt.monitor().id(), e);
    }
    return result;
  }

  private void housekeeping() {
    heartbeats.evaluate();
    self.evaluate(ctx.clock().instant(), runtimes.values());
    if (snapshots != null) {
      snapshots.maybeSave(this);
    }
    Instant now = ctx.clock().instant();
    synchronized (sloLock) {
      if (slos.isEmpty() || now.isBefore(lastSloRun.plus(config.sloInterval()))) {
        return;
      }
      lastSloRun = now;
    }
    for (Slo slo : slos.values()) {
      try {
        sloEvaluator.evaluate(slo);
      } catch (RuntimeException e) {
        LOG.error("evaluating SLO {} failed", slo.id(), e);
      }
    }
  }

  private void publish(List<StateTransition> transitions) {
    transitions.forEach(ctx.eventBus()::publish);
  }

  private int countMonitors(TeamId team) {
    return (int) runtimes.values().stream().filter(r -> r.monitor().teamId().equals(team))
        .count();
  }

  private void reportCount(TeamId team, String meter, int count) {
    Instant now = ctx.clock().instant();
    ctx.usage().report(UsageEvent.of(team, meter, count, now,
        meter + ":" + team.value() + ":" + now.toEpochMilli() + ":" + count));
  }
}
