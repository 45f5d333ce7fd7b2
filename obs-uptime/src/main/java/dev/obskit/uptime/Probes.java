package dev.obskit.uptime;

import dev.obskit.uptime.browser.SeleniumBrowserLauncher;
import dev.obskit.uptime.browser.TransactionChecker;
import dev.obskit.uptime.check.Causes;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Checker;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.SkipCause;
import dev.obskit.uptime.db.DatabaseChecker;
import dev.obskit.uptime.dns.DnsChecker;
import dev.obskit.uptime.domain.DomainExpiryChecker;
import dev.obskit.uptime.http.HttpChecker;
import dev.obskit.uptime.mail.MailChecker;
import dev.obskit.uptime.net.PingChecker;
import dev.obskit.uptime.net.TcpChecker;
import dev.obskit.uptime.net.UdpChecker;
import dev.obskit.uptime.tls.TlsChecker;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkers and the pools they run on: one bounded pool of daemon threads for blocking probes
 * (queue bounded too, so a flood of slow targets cannot grow memory without bound) and OkHttp's
 * dispatcher for HTTP. Every returned future is also bounded from outside by the monitor's
 * timeout plus {@link #GRACE}, so a misbehaving checker cannot stall its monitor. Thread-safe.
 */
final class Probes {
  /** Extra time a checker gets beyond the monitor's timeout before it is declared stuck. */
  static final Duration GRACE = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(Probes.class);

  private final Clock clock;
  private final ExecutorService pool;
  private final OkHttpClient http;
  private final Map<MonitorKind, Checker> checkers = new EnumMap<>(MonitorKind.class);
  private final int httpQueueCapacity;
  private final ResolverCanary canary;
  private volatile boolean stopping;
  private final TransactionChecker journeys;

  Probes(Clock clock, UptimeConfig config, BiConsumer<String, Throwable> workerDeaths) {
    this.clock = clock;
    this.httpQueueCapacity = config.probeQueueCapacity();
    this.canary = config.resolverCanary().map(ResolverCanary::new).orElse(null);
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(config.probeThreads(), config.probeThreads(), 30,
        TimeUnit.SECONDS, queue(config.probeQueueCapacity()), r -> {
          Thread t = new Thread(r, "obs-uptime-probe-" + n.incrementAndGet());
          t.setDaemon(true);
          t.setUncaughtExceptionHandler((dead, e) -> {
            LOG.error("uptime probe thread {} died; the pool replaces it", dead.getName(), e);
            workerDeaths.accept("probe thread died; replaced", e);
          });
          return t;
        });
    this.http = HttpChecker.defaultClient(config.maxConcurrentHttp());
    put(new HttpChecker(clock, http));
    put(new TcpChecker(clock, pool));
    put(new UdpChecker(clock, pool));
    put(new DnsChecker(clock, pool));
    put(new TlsChecker(clock, pool));
    put(new DomainExpiryChecker(clock, pool));
    put(new MailChecker(clock, pool));
    put(new PingChecker(clock, pool));
    put(new DatabaseChecker(clock, pool));
    this.journeys = TransactionChecker.create(clock,
        config.browserLauncher().or(SeleniumBrowserLauncher::distribution),
        config.browserPoolSize(), 4 * config.browserPoolSize(), config.screenshotDirectory());
    put(journeys);
    config.checkers().forEach(this::put);
  }

  private void put(Checker c) {
    checkers.put(c.kind(), c);
  }

  Checker checker(MonitorKind kind) {
    return checkers.get(kind);
  }

  private static BlockingQueue<Runnable> queue(int capacity) {
    return capacity == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(capacity);
  }

  /**
   * Starts one check. Trouble on ObsKit's side never becomes DOWN: a full queue, a refusing or
   * stopped pool, a checker overrunning the kit's budget (timeout plus {@link #GRACE}) and, with a
   * resolver canary, a dead host resolver all give UNKNOWN results.
   */
  CompletableFuture<CheckResult> check(Monitor m) {
    if (stopping) {
      return CompletableFuture.completedFuture(CheckResult.unknown(clock.instant(),
          SkipCause.SHUTDOWN, ""));
    }
    if (m.kind() == MonitorKind.HTTP && checkers.get(m.kind()) instanceof HttpChecker
        && http.dispatcher().queuedCallsCount() >= Math.max(1, httpQueueCapacity)) {
      return CompletableFuture.completedFuture(CheckResult.unknown(clock.instant(),
          SkipCause.PROBE_QUEUE_FULL, http.dispatcher().queuedCallsCount()
              + " HTTP checks already waiting"));
    }
    CompletableFuture<CheckResult> f;
    try {
      f = checkers.get(m.kind()).check(m);
    } catch (RuntimeException e) {
      LOG.warn("checker {} threw for {}", m.kind(), m.id(), e);
      f = CompletableFuture.completedFuture(CheckResult.unknown(clock.instant(),
          SkipCause.CHECKER_FAILED, e.toString()));
    }
    f = f.exceptionally(e -> {
      LOG.warn("checker {} failed for {}", m.kind(), m.id(), e);
      return CheckResult.unknown(clock.instant(), SkipCause.CHECKER_FAILED, e.toString());
    });
    Duration bound = m.timeout().plus(GRACE);
    return f.completeOnTimeout(CheckResult.unknown(clock.instant(), SkipCause.BUDGET_OVERRUN,
        "checker did not finish within " + bound.toMillis() + " ms"), bound.toMillis(),
        TimeUnit.MILLISECONDS).thenApply(this::localTrouble);
  }

  private CheckResult localTrouble(CheckResult r) {
    if (r.isUp() || r.isUnknown()) {
      return r;
    }
    if (stopping) {
      return CheckResult.unknown(r.startedAt(), SkipCause.SHUTDOWN, r.failureCause());
    }
    if (canary != null && r.failureCause().startsWith(Causes.DNS_FAILURE) && !canary.resolves()) {
      return CheckResult.unknown(r.startedAt(), SkipCause.HOST_RESOLVER_UNAVAILABLE,
          r.failureCause());
    }
    return r;
  }

  /** Runs {@code task} on the probe pool as is (tests kill a worker with it). */
  void executeRaw(Runnable task) {
    pool.execute(task);
  }

  /** Makes every later check UNKNOWN (SHUTDOWN) instead of a failure. */
  void stopping() {
    stopping = true;
  }

  void shutdown(Duration timeout) {
    stopping = true;
    pool.shutdownNow();
    journeys.close();
    http.dispatcher().cancelAll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("uptime probe pool did not stop within {}", timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
