package dev.obskit.errors;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.capture.CaptureConfig;

/**
 * Reads {@link ErrorsConfig} from {@code obs.errors.*} keys: one project (the one in-process
 * captures go to and SDKs may post to), capture settings, and storage bounds. The keys, with
 * their defaults:
 *
 * <pre>
 * obs.errors.project=default            project id (DSN path segment)
 * obs.errors.team=default               owning team
 * obs.errors.public-keys=               accepted DSN public keys, comma-separated
 * obs.errors.send-pii=false             keep personal data instead of scrubbing it
 * obs.errors.monthly-quota=100000       events accepted per month
 * obs.errors.rate-limit-per-minute=0    0 = no per-minute limit
 * obs.errors.fingerprint-rules=         server-side fingerprint rules, comma-separated
 * obs.errors.environment=               environment of captured events
 * obs.errors.release=                   release of captured events
 * obs.errors.server-name=               server name of captured events
 * obs.errors.in-app-packages=           package prefixes whose frames are in-app
 * obs.errors.sample-rate=1.0            share of captures kept, 0..1
 * obs.errors.max-breadcrumbs=100
 * obs.errors.queue-capacity=10000       captures queued before they spill or drop
 * obs.errors.events-per-issue=100       events kept per issue
 * obs.errors.install-global-tracker=true   whether the file-configured appenders capture here
 * obs.errors.install-uncaught-handler=false
 * </pre>
 *
 * A malformed value throws {@link ConfigException} naming the key.
 */
public final class ErrorsProperties {
  /** The key prefix. */
  public static final String PREFIX = "obs.errors.";

  private ErrorsProperties() {}

  /** Builds the configuration from {@code p}. */
  public static ErrorsConfig read(ConfigProperties p) {
    ProjectId project = ProjectId.of(p.getString(PREFIX + "project", "default"));
    ProjectConfig.Builder projectConfig = ProjectConfig.builder(project,
        TeamId.of(p.getString(PREFIX + "team", "default")))
        .setSendPii(p.getBoolean(PREFIX + "send-pii", false))
        .setMonthlyQuota(p.getLong(PREFIX + "monthly-quota", ProjectConfig.DEFAULT_MONTHLY_QUOTA))
        .setRateLimitPerMinute(p.getInt(PREFIX + "rate-limit-per-minute", 0));
    p.getList(PREFIX + "public-keys").forEach(projectConfig::addPublicKey);
    for (String rule : p.getList(PREFIX + "fingerprint-rules")) {
      try {
        projectConfig.addFingerprintRule(rule);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(PREFIX + "fingerprint-rules", e.getMessage());
      }
    }
    return ErrorsConfig.builder()
        .addProject(projectConfig.build())
        .setCaptureProject(project)
        .setCapture(capture(p))
        .setEventsPerIssue(p.getInt(PREFIX + "events-per-issue", ErrorsConfig.DEFAULT_EVENTS_PER_ISSUE))
        .setInstallGlobalTracker(p.getBoolean(PREFIX + "install-global-tracker", true))
        .setInstallUncaughtHandler(p.getBoolean(PREFIX + "install-uncaught-handler", false))
        .build();
  }

  private static CaptureConfig capture(ConfigProperties p) {
    CaptureConfig.Builder capture = CaptureConfig.builder()
        .setMaxBreadcrumbs(p.getInt(PREFIX + "max-breadcrumbs", CaptureConfig.DEFAULT_MAX_BREADCRUMBS))
        .setQueueCapacity(p.getInt(PREFIX + "queue-capacity", CaptureConfig.DEFAULT_QUEUE_CAPACITY));
    Double rate = p.getDouble(PREFIX + "sample-rate");
    if (rate != null) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new ConfigException(PREFIX + "sample-rate", "must be between 0 and 1, was " + rate);
      }
      capture.setSampleRate(rate);
    }
    p.getList(PREFIX + "in-app-packages").forEach(capture::addInAppPackage);
    String environment = p.getString(PREFIX + "environment");
    if (environment != null) {
      capture.setEnvironment(environment);
    }
    String release = p.getString(PREFIX + "release");
    if (release != null) {
      capture.setRelease(release);
    }
    String serverName = p.getString(PREFIX + "server-name");
    if (serverName != null) {
      capture.setServerName(serverName);
    }
    return capture.build();
  }
}
