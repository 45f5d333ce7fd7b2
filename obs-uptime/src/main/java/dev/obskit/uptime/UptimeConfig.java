package dev.obskit.uptime;

import dev.obskit.core.config.Checks;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.browser.BrowserLauncher;
import dev.obskit.uptime.browser.SeleniumBrowserLauncher;
import dev.obskit.uptime.check.Checker;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.heartbeat.Heartbeat;
import dev.obskit.uptime.history.FileHistoryStore;
import dev.obskit.uptime.history.HistoryStore;
import dev.obskit.uptime.slo.Slo;
import dev.obskit.uptime.state.SecondOpinion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the uptime module. Immutable; build in code with {@link #builder()} or read from
 * properties with {@link #fromProperties}.
 *
 * <table>
 *   <caption>Properties (environment variables use the upper-case underscore form)</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code obs.uptime.probe.threads}</td><td>{@value #DEFAULT_PROBE_THREADS}</td></tr>
 *   <tr><td>{@code obs.uptime.http.max.concurrent}</td><td>{@value #DEFAULT_MAX_HTTP}</td></tr>
 *   <tr><td>{@code obs.uptime.host.max.concurrent}</td><td>{@value #DEFAULT_MAX_PER_HOST}</td></tr>
 *   <tr><td>{@code obs.uptime.jitter}</td><td>true</td></tr>
 *   <tr><td>{@code obs.uptime.driver.enabled}</td><td>true</td></tr>
 *   <tr><td>{@code obs.uptime.monitors.file}</td><td>none (YAML or JSON, see README)</td></tr>
 *   <tr><td>{@code obs.uptime.team}</td><td>none (team for a file without {@code team:})</td></tr>
 *   <tr><td>{@code obs.uptime.history.file}</td><td>none (history kept in memory only)</td></tr>
 *   <tr><td>{@code obs.uptime.history.snapshot.interval}</td><td>5m</td></tr>
 *   <tr><td>{@code obs.uptime.history.max.bytes}</td><td>1 GiB</td></tr>
 * </table>
 */
public final class UptimeConfig {
  /** Default size of the pool running blocking probes (TCP, DNS, TLS, mail, WHOIS, ping). */
  public static final int DEFAULT_PROBE_THREADS = 8;
  /** Default most concurrent HTTP exchanges. */
  public static final int DEFAULT_MAX_HTTP = 256;
  /** Default most concurrent probes per target host. */
  public static final int DEFAULT_MAX_PER_HOST = 8;
  /** Default longest sleep of the real-time driver between ticks. */
  public static final Duration DEFAULT_MAX_TICK_SLEEP = Duration.ofMillis(200);
  /** Default interval between SLO evaluations. */
  public static final Duration DEFAULT_SLO_INTERVAL = Duration.ofMinutes(1);
  /** Default capacity of the probe pool's waiting queue (and of OkHttp's ready queue). */
  public static final int DEFAULT_PROBE_QUEUE_CAPACITY = 10_000;
  /** Default time a monitor may see only UNKNOWN results before the self-monitoring alert. */
  public static final Duration DEFAULT_UNKNOWN_ALERT_AFTER = Duration.ofMinutes(10);
  /** Default window in which a check that could not run keeps the module DEGRADED. */
  public static final Duration DEFAULT_HEALTH_WINDOW = Duration.ofMinutes(5);
  /** Default team that receives ObsKit's self-monitoring alerts. */
  public static final TeamId DEFAULT_OPERATOR_TEAM = TeamId.of("obskit");
  /** Default most browsers running transaction monitors at once. */
  public static final int DEFAULT_BROWSER_POOL_SIZE = 2;
  /** Default interval between history snapshots. */
  public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(5);

  private final int probeThreads;
  private final int maxConcurrentHttp;
  private final int maxPerHost;
  private final boolean jitter;
  private final boolean driverEnabled;
  private final Duration maxTickSleep;
  private final Duration sloInterval;
  private final SecondOpinion secondOpinion;
  private final List<Checker> checkers;
  private final List<Monitor> monitors;
  private final List<Heartbeat> heartbeats;
  private final List<Slo> slos;
  private final Optional<Path> monitorsFile;
  private final Optional<TeamId> fileTeam;
  private final Optional<HistoryStore> historyStore;
  private final Duration snapshotInterval;
  private final int probeQueueCapacity;
  private final Duration unknownAlertAfter;
  private final Duration healthWindow;
  private final TeamId operatorTeam;
  private final Optional<String> resolverCanary;
  private final Optional<BrowserLauncher> browserLauncher;
  private final int browserPoolSize;
  private final Path screenshotDirectory;

  private UptimeConfig(Builder b) {
    this.browserLauncher = Optional.ofNullable(b.browserLauncher);
    this.browserPoolSize = b.browserPoolSize;
    this.screenshotDirectory = b.screenshotDirectory;
    this.probeQueueCapacity = b.probeQueueCapacity;
    this.unknownAlertAfter = b.unknownAlertAfter;
    this.healthWindow = b.healthWindow;
    this.operatorTeam = b.operatorTeam;
    this.resolverCanary = Optional.ofNullable(b.resolverCanary);
    this.probeThreads = b.probeThreads;
    this.maxConcurrentHttp = b.maxConcurrentHttp;
    this.maxPerHost = b.maxPerHost;
    this.jitter = b.jitter;
    this.driverEnabled = b.driverEnabled;
    this.maxTickSleep = b.maxTickSleep;
    this.sloInterval = b.sloInterval;
    this.secondOpinion = b.secondOpinion;
    this.checkers = List.copyOf(b.checkers);
    this.monitors = List.copyOf(b.monitors);
    this.heartbeats = List.copyOf(b.heartbeats);
    this.slos = List.copyOf(b.slos);
    this.monitorsFile = Optional.ofNullable(b.monitorsFile);
    this.fileTeam = Optional.ofNullable(b.fileTeam);
    this.historyStore = Optional.ofNullable(b.historyStore);
    this.snapshotInterval = b.snapshotInterval;
  }

  /** Returns a builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults. */
  public static UptimeConfig defaults() {
    return builder().build();
  }

  /** Reads the {@code obs.uptime.*} properties; throws {@link ConfigException} on bad values. */
  public static UptimeConfig fromProperties(ConfigProperties p) {
    Objects.requireNonNull(p, "properties");
    Builder b = builder()
        .setProbeThreads(p.getInt("obs.uptime.probe.threads", DEFAULT_PROBE_THREADS))
        .setMaxConcurrentHttp(p.getInt("obs.uptime.http.max.concurrent", DEFAULT_MAX_HTTP))
        .setMaxPerHost(p.getInt("obs.uptime.host.max.concurrent", DEFAULT_MAX_PER_HOST))
        .setJitter(p.getBoolean("obs.uptime.jitter", true))
        .setDriverEnabled(p.getBoolean("obs.uptime.driver.enabled", true));
    String file = p.getString("obs.uptime.monitors.file");
    if (file != null) {
      b.setMonitorsFile(Path.of(file));
    }
    String history = p.getString("obs.uptime.history.file");
    if (history != null) {
      long max = p.getLong("obs.uptime.history.max.bytes", FileHistoryStore.DEFAULT_MAX_BYTES);
      try {
        b.setHistoryStore(FileHistoryStore.of(Path.of(history), max));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("obs.uptime.history.max.bytes", e.getMessage());
      }
    }
    Duration snapshot = p.getDuration("obs.uptime.history.snapshot.interval",
        DEFAULT_SNAPSHOT_INTERVAL);
    try {
      b.setSnapshotInterval(snapshot);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("obs.uptime.history.snapshot.interval", e.getMessage());
    }
    String team = p.getString("obs.uptime.team");
    if (team != null) {
      try {
        b.setFileTeam(TeamId.of(team));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("obs.uptime.team", e.getMessage());
      }
    }
    return b.build();
  }

  /** Returns the probe pool size. */
  public int probeThreads() {
    return probeThreads;
  }

  /** Returns the most concurrent HTTP exchanges. */
  public int maxConcurrentHttp() {
    return maxConcurrentHttp;
  }

  /** Returns the most concurrent probes per target host. */
  public int maxPerHost() {
    return maxPerHost;
  }

  /** Returns whether first checks are spread over each monitor's period. */
  public boolean jitter() {
    return jitter;
  }

  /** Returns whether a real-time driver thread runs checks (false: call runDue yourself). */
  public boolean driverEnabled() {
    return driverEnabled;
  }

  /** Returns the longest driver sleep between ticks. */
  public Duration maxTickSleep() {
    return maxTickSleep;
  }

  /** Returns the interval between SLO evaluations. */
  public Duration sloInterval() {
    return sloInterval;
  }

  /** Returns the second-vantage-point confirmation. */
  public SecondOpinion secondOpinion() {
    return secondOpinion;
  }

  /** Returns checkers replacing the built-in ones of the same kind. */
  public List<Checker> checkers() {
    return checkers;
  }

  /** Returns monitors registered at start. */
  public List<Monitor> monitors() {
    return monitors;
  }

  /** Returns heartbeats registered at start. */
  public List<Heartbeat> heartbeats() {
    return heartbeats;
  }

  /** Returns SLOs registered at start. */
  public List<Slo> slos() {
    return slos;
  }

  /** Returns the YAML/JSON file of monitors loaded at start. */
  public Optional<Path> monitorsFile() {
    return monitorsFile;
  }

  /** Returns the team for a monitors file that names none. */
  public Optional<TeamId> fileTeam() {
    return fileTeam;
  }

  /** Returns where history is persisted across restarts; empty keeps it in memory only. */
  public Optional<HistoryStore> historyStore() {
    return historyStore;
  }

  /** Returns the interval between history snapshots (also saved at shutdown). */
  public Duration snapshotInterval() {
    return snapshotInterval;
  }

  /** Returns the capacity of the probe pool's waiting queue (0: hand-off only). */
  public int probeQueueCapacity() {
    return probeQueueCapacity;
  }

  /** Returns how long a monitor may see only UNKNOWN results before the self-monitoring alert. */
  public Duration unknownAlertAfter() {
    return unknownAlertAfter;
  }

  /** Returns how long a check that could not run keeps {@link UptimeHealth} DEGRADED. */
  public Duration healthWindow() {
    return healthWindow;
  }

  /** Returns the team that receives ObsKit's self-monitoring alerts. */
  public TeamId operatorTeam() {
    return operatorTeam;
  }

  /**
   * Returns the resolver canary: a name that always resolves on a healthy host. When set, a check
   * failing to resolve its target while the canary fails too is UNKNOWN (the host's resolver is
   * down), not DOWN.
   */
  public Optional<String> resolverCanary() {
    return resolverCanary;
  }

  /**
   * Returns the browser engine of transaction monitors; empty uses the distribution's Chromium
   * through Selenium when both are installed ({@link SeleniumBrowserLauncher#distribution()}).
   */
  public Optional<BrowserLauncher> browserLauncher() {
    return browserLauncher;
  }

  /** Returns the most browsers running journeys at once. */
  public int browserPoolSize() {
    return browserPoolSize;
  }

  /** Returns where failure screenshots of transaction monitors are written. */
  public Path screenshotDirectory() {
    return screenshotDirectory;
  }

  /** Builds an {@link UptimeConfig}; validates eagerly. Not thread-safe. */
  public static final class Builder {
    private int probeThreads = DEFAULT_PROBE_THREADS;
    private int maxConcurrentHttp = DEFAULT_MAX_HTTP;
    private int maxPerHost = DEFAULT_MAX_PER_HOST;
    private boolean jitter = true;
    private boolean driverEnabled = true;
    private Duration maxTickSleep = DEFAULT_MAX_TICK_SLEEP;
    private Duration sloInterval = DEFAULT_SLO_INTERVAL;
    private SecondOpinion secondOpinion = SecondOpinion.none();
    private final List<Checker> checkers = new ArrayList<>();
    private final List<Monitor> monitors = new ArrayList<>();
    private final List<Heartbeat> heartbeats = new ArrayList<>();
    private final List<Slo> slos = new ArrayList<>();
    private Path monitorsFile;
    private TeamId fileTeam;
    private HistoryStore historyStore;
    private Duration snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
    private int probeQueueCapacity = DEFAULT_PROBE_QUEUE_CAPACITY;
    private Duration unknownAlertAfter = DEFAULT_UNKNOWN_ALERT_AFTER;
    private Duration healthWindow = DEFAULT_HEALTH_WINDOW;
    private TeamId operatorTeam = DEFAULT_OPERATOR_TEAM;
    private String resolverCanary;
    private BrowserLauncher browserLauncher;
    private int browserPoolSize = DEFAULT_BROWSER_POOL_SIZE;
    private Path screenshotDirectory = Path.of(System.getProperty("java.io.tmpdir"),
        "obskit-screenshots");

    Builder() {}

    /** Sets the browser engine of transaction monitors (e.g. a Playwright adapter). */
    public Builder setBrowserLauncher(BrowserLauncher launcher) {
      this.browserLauncher = Objects.requireNonNull(launcher, "browserLauncher");
      return this;
    }

    /** Sets the most browsers running journeys at once, 1 to 64. Default 2. */
    public Builder setBrowserPoolSize(int size) {
      this.browserPoolSize = bounded("browserPoolSize", size, 64);
      return this;
    }

    /** Sets where failure screenshots are written. Default {@code <tmp>/obskit-screenshots}. */
    public Builder setScreenshotDirectory(Path dir) {
      this.screenshotDirectory = Objects.requireNonNull(dir, "screenshotDirectory");
      return this;
    }

    /**
     * Sets the capacity of the probe pool's waiting queue, 0 to 1,000,000 (0: a check starts only
     * when a probe thread is idle). A check that finds the queue full is UNKNOWN. Default 10,000.
     */
    public Builder setProbeQueueCapacity(int capacity) {
      if (capacity < 0 || capacity > 1_000_000) {
        throw new IllegalArgumentException("probeQueueCapacity must be 0 to 1000000, got "
            + capacity);
      }
      this.probeQueueCapacity = capacity;
      return this;
    }

    /**
     * Sets how long a monitor may see only UNKNOWN results before ObsKit raises its
     * self-monitoring alert, 1 minute to 24 hours. Default 10 minutes.
     */
    public Builder setUnknownAlertAfter(Duration after) {
      this.unknownAlertAfter = Checks.durationBetween("unknownAlertAfter", after,
          Duration.ofMinutes(1), Duration.ofHours(24));
      return this;
    }

    /** Sets how long a check that could not run keeps the health DEGRADED, 1 s to 24 h. */
    public Builder setHealthWindow(Duration window) {
      this.healthWindow = Checks.durationBetween("healthWindow", window, Duration.ofSeconds(1),
          Duration.ofHours(24));
      return this;
    }

    /** Sets the team receiving ObsKit's self-monitoring alerts. Default {@code obskit}. */
    public Builder setOperatorTeam(TeamId team) {
      this.operatorTeam = Objects.requireNonNull(team, "operatorTeam");
      return this;
    }

    /**
     * Sets a resolver canary, a host name that always resolves on a healthy host (e.g. your own
     * service's name). Default none: every failed resolution is the target's DNS trouble.
     */
    public Builder setResolverCanary(String hostName) {
      Objects.requireNonNull(hostName, "resolverCanary");
      if (!hostName.matches("[A-Za-z0-9.-]{1,253}")) {
        throw new IllegalArgumentException("resolverCanary must be a host name, got '"
            + hostName + "'");
      }
      this.resolverCanary = hostName;
      return this;
    }

    /** Sets the probe pool size, 1 to 256. */
    public Builder setProbeThreads(int threads) {
      this.probeThreads = bounded("probeThreads", threads, 256);
      return this;
    }

    /** Sets the most concurrent HTTP exchanges, 1 to 10,000. */
    public Builder setMaxConcurrentHttp(int max) {
      this.maxConcurrentHttp = bounded("maxConcurrentHttp", max, 10_000);
      return this;
    }

    /** Sets the most concurrent probes per target host, 1 to 10,000. */
    public Builder setMaxPerHost(int max) {
      this.maxPerHost = bounded("maxPerHost", max, 10_000);
      return this;
    }

    /** Sets whether first checks are jittered over the period. Default true. */
    public Builder setJitter(boolean jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Sets whether the real-time driver runs. Default true; tests on a ManualClock say false. */
    public Builder setDriverEnabled(boolean enabled) {
      this.driverEnabled = enabled;
      return this;
    }

    /** Sets the longest driver sleep, 1 ms to 1 s. */
    public Builder setMaxTickSleep(Duration sleep) {
      this.maxTickSleep = Checks.durationBetween("maxTickSleep", sleep, Duration.ofMillis(1),
          Duration.ofSeconds(1));
      return this;
    }

    /** Sets the SLO evaluation interval, 1 s to 1 h. */
    public Builder setSloInterval(Duration interval) {
      this.sloInterval = Checks.durationBetween("sloInterval", interval, Duration.ofSeconds(1),
          Duration.ofHours(1));
      return this;
    }

    /** Sets the second-vantage-point confirmation. Default: none. */
    public Builder setSecondOpinion(SecondOpinion secondOpinion) {
      this.secondOpinion = Objects.requireNonNull(secondOpinion, "secondOpinion");
      return this;
    }

    /** Adds a checker replacing the built-in one of its kind. */
    public Builder addChecker(Checker checker) {
      checkers.add(Objects.requireNonNull(checker, "checker"));
      return this;
    }

    /** Adds a monitor registered at start. */
    public Builder addMonitor(Monitor monitor) {
      monitors.add(Objects.requireNonNull(monitor, "monitor"));
      return this;
    }

    /** Adds a heartbeat registered at start. */
    public Builder addHeartbeat(Heartbeat heartbeat) {
      heartbeats.add(Objects.requireNonNull(heartbeat, "heartbeat"));
      return this;
    }

    /** Adds an SLO registered at start. */
    public Builder addSlo(Slo slo) {
      slos.add(Objects.requireNonNull(slo, "slo"));
      return this;
    }

    /** Sets a YAML or JSON monitors file loaded at start. */
    public Builder setMonitorsFile(Path file) {
      this.monitorsFile = Objects.requireNonNull(file, "monitorsFile");
      return this;
    }

    /** Sets the team for a monitors file that names none. */
    public Builder setFileTeam(TeamId team) {
      this.fileTeam = Objects.requireNonNull(team, "fileTeam");
      return this;
    }

    /**
     * Persists availability history and monitor states in {@code store}: restored at creation,
     * saved every {@link #setSnapshotInterval snapshot interval} and at shutdown.
     */
    public Builder setHistoryStore(HistoryStore store) {
      this.historyStore = Objects.requireNonNull(store, "historyStore");
      return this;
    }

    /** Sets the interval between history snapshots, 1 s to 24 h. Default 5 minutes. */
    public Builder setSnapshotInterval(Duration interval) {
      this.snapshotInterval = Checks.durationBetween("snapshotInterval", interval,
          Duration.ofSeconds(1), Duration.ofHours(24));
      return this;
    }

    private static int bounded(String name, int value, int max) {
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(name + " must be 1 to " + max + ", got " + value);
      }
      return value;
    }

    /** Returns the configuration. */
    public UptimeConfig build() {
      return new UptimeConfig(this);
    }
  }
}
