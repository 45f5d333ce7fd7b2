package dev.obskit.uptime.browser;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.JourneySpec;
import dev.obskit.uptime.check.JourneyStep;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.check.Timings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction monitors: runs a {@link JourneySpec} step by step in a fresh headless browser from
 * a {@link BrowserLauncher}, timing each step (details {@code step.N} = {@code "<step>: <ms>
 * ms"}). The first failing step fails the check, with a PNG screenshot of the page saved under
 * the screenshot directory (detail {@code screenshot}, which the module copies into the DOWN
 * alert). The whole journey, browser start included, has a hard timeout, the monitor's: a
 * watchdog kills the browser (its processes too) when it passes, and the result is DOWN naming
 * the step it hung in. At most {@code poolSize} browsers run at once, on a pool of that many
 * threads whose queue holds {@code queueCapacity} journeys; a journey that finds it full is
 * UNKNOWN (probe queue full). Without a launcher (no Selenium, no Chromium) every journey is
 * UNKNOWN. Thread-safe.
 */
public final class TransactionChecker extends BlockingChecker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionChecker.class);
  /** Time kept back from the hard timeout for the screenshot and the verdict. */
  static final Duration RESERVE = Duration.ofMillis(300);

  private final Optional<BrowserLauncher> launcher;
  private final Path screenshots;
  private final ExecutorService pool;
  private final ScheduledExecutorService watchdog;

  private TransactionChecker(Clock clock, Optional<BrowserLauncher> launcher, Path screenshots,
      ExecutorService pool) {
    super(clock, pool);
    this.launcher = launcher;
    this.screenshots = screenshots;
    this.pool = pool;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("obs-uptime-journey-watchdog"));
  }

  /**
   * Creates a checker.
   *
   * @param launcher starts browsers; empty makes every journey UNKNOWN
   * @param poolSize most browsers at once, 1 to 64
   * @param queueCapacity most journeys waiting for a browser, 0 to 10,000
   * @param screenshots directory for failure screenshots (created when needed)
   */
  public static TransactionChecker create(Clock clock, Optional<BrowserLauncher> launcher,
      int poolSize, int queueCapacity, Path screenshots) {
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(screenshots, "screenshots");
    if (poolSize < 1 || poolSize > 64) {
      throw new IllegalArgumentException("browser pool size must be 1 to 64, got " + poolSize);
    }
    if (queueCapacity < 0 || queueCapacity > 10_000) {
      throw new IllegalArgumentException("browser queue capacity must be 0 to 10000, got "
          + queueCapacity);
    }
    ThreadPoolExecutor pool = new ThreadPoolExecutor(poolSize, poolSize, 30, TimeUnit.SECONDS,
        queueCapacity == 0 ? new java.util.concurrent.SynchronousQueue<>()
            : new LinkedBlockingQueue<>(queueCapacity), daemon("obs-uptime-journey"));
    return new TransactionChecker(clock, launcher, screenshots, pool);
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.TRANSACTION;
  }

  @Override
  public String getName() {
    return "browser-journey";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos) {
    if (launcher.isEmpty()) {
      return CheckResult.unknown(startedAt, SkipCause.CHECKER_FAILED, "no browser engine:"
          + " add selenium-chrome-driver and the distribution's chromium, or set a"
          + " BrowserLauncher");
    }
    JourneySpec spec = (JourneySpec) monitor.spec();
    long deadline = startNanos + monitor.timeout().toNanos();
    Run run = new Run(spec, deadline);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> kill = watchdog.schedule(() -> {
      expired.set(true);
      run.kill();
    }, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    try {
      run.session = launcher.get().launch();
      if (expired.get()) {
        run.kill();
      }
      run.steps();
      return CheckResult.up(startedAt, timings(startNanos)).withDetails(run.details);
    } catch (Exception | LinkageError e) {
      return failure(monitor, startedAt, startNanos, run, e, expired.get());
    } finally {
      kill.cancel(false);
      if (run.session != null) {
        run.session.close();
      }
    }
  }

  private CheckResult failure(Monitor monitor, Instant startedAt, long startNanos, Run run,
      Throwable e, boolean expired) {
    String where = run.current < 0 ? "starting the browser"
        : "step " + (run.current + 1) + " (" + run.spec.steps().get(run.current).describe() + ")";
    if (e instanceof LinkageError) {
      return CheckResult.unknown(startedAt, SkipCause.CHECKER_FAILED, "browser engine missing: "
          + e);
    }
    if (expired) {
      return CheckResult.down(startedAt, timings(startNanos), "journey " + run.spec.name()
          + " timed out after " + monitor.timeout().toMillis() + " ms in " + where
          + "; browser killed").withDetails(run.details);
    }
    Map<String, String> details = new LinkedHashMap<>(run.details);
    details.put("failedStep", where);
    screenshot(monitor, run).ifPresent(p -> details.put("screenshot", p.toString()));
    return CheckResult.down(startedAt, timings(startNanos), "journey " + run.spec.name() + " "
        + where + " failed: " + message(e)).withDetails(details);
  }

  private Optional<Path> screenshot(Monitor monitor, Run run) {
    if (run.session == null) {
      return Optional.empty();
    }
    try {
      byte[] png = run.session.screenshotPng();
      Files.createDirectories(screenshots);
      Path file = screenshots.resolve(monitor.id().value() + "-" + System.currentTimeMillis()
          + ".png");
      Files.write(file, png);
      return Optional.of(file);
    } catch (Exception e) {
      LOG.debug("screenshot of {} failed", monitor.id(), e);
      return Optional.empty();
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  private static Timings timings(long startNanos) {
    return Timings.total(System.nanoTime() - startNanos);
  }

  /** Stops the browser pool and the watchdog (running journeys' browsers are killed by close). */
  @Override
  public void close() {
    pool.shutdownNow();
    watchdog.shutdownNow();
  }

  /** One journey in progress. */
  private static final class Run {
    final JourneySpec spec;
    final long deadline;
    final Map<String, String> details = new LinkedHashMap<>();
    volatile BrowserSession session;
    volatile boolean killed;
    int current = -1;

    Run(JourneySpec spec, long deadline) {
      this.spec = spec;
      this.deadline = deadline;
    }

    void kill() {
      killed = true;
      BrowserSession s = session;
      if (s != null) {
        s.kill();
      }
    }

    void steps() throws Exception {
      for (current = 0; current < spec.steps().size(); current++) {
        if (killed) {
          throw new IllegalStateException("browser killed");
        }
        JourneyStep step = spec.steps().get(current);
        long t0 = System.nanoTime();
        step(step, Duration.ofNanos(Math.max(1, deadline - t0 - RESERVE.toNanos())));
        details.put("step." + (current + 1), step.describe() + ": "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
      }
    }

    private void step(JourneyStep step, Duration left) throws Exception {
      switch (step.action()) {
        // a page still loading at the deadline is the watchdog's: it kills the browser
        case OPEN -> session.open(step.target(), left.plus(RESERVE).plusSeconds(2));
        case CLICK -> session.click(step.target(), left);
        case FILL -> session.fill(step.target(), step.value(), left);
        case WAIT_FOR_TEXT -> session.waitForText(step.target(), left);
        case WAIT_FOR_SELECTOR -> session.waitForSelector(step.target(), left);
        case EXPECT_STATUS -> {
          int status = session.lastStatus();
          if (status != Integer.parseInt(step.target())) {
            throw new IllegalStateException("HTTP status " + status + ", expected "
                + step.target());
          }
        }
        default -> throw new IllegalStateException("unknown step " + step.action()
            .name().toLowerCase(Locale.ROOT));
      }
    }
  }
}
