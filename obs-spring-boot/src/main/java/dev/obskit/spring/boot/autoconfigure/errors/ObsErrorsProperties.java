package dev.obskit.spring.boot.autoconfigure.errors;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Error tracking ({@code obs.errors.*}). The keys are read by obs-errors' own
 * {@code ErrorsProperties}; this class documents them for IDE completion and validates their types.
 */
@ConfigurationProperties("obs.errors")
public class ObsErrorsProperties {
  /** Whether error tracking is on. */
  private boolean enabled = true;
  /** Project id: the path segment of the ingest DSN. */
  private String project = "default";
  /** Team that owns the project. */
  private String team = "default";
  /** DSN public keys that SDKs may post with; none means SDK ingestion is refused. */
  private List<String> publicKeys = new ArrayList<>();
  /** Keep personal data (user IP, e-mail) instead of scrubbing it. */
  private boolean sendPii;
  /** Put the client address of a request on captured events (off by default: it is personal data). */
  private boolean sendDefaultPii;
  /** Events accepted per month. */
  private long monthlyQuota = 100_000;
  /** Events accepted per minute; 0 means no limit. */
  private int rateLimitPerMinute;
  /** Environment of captured events, e.g. production. */
  private String environment;
  /** Release of captured events, e.g. shop@1.4.2. */
  private String release;
  /** Server name of captured events. */
  private String serverName;
  /** Package prefixes whose frames are in-app. */
  private List<String> inAppPackages = new ArrayList<>();
  /** Share of captures kept, 0 to 1. */
  private double sampleRate = 1.0;
  /** Captures queued for the background worker. */
  private int queueCapacity = 10_000;
  /** Capture ERROR log lines (and so @Async and @Scheduled failures) as events. */
  private boolean captureLogs = true;
  /** Lowest log level captured as an event when capture-logs is on. */
  private String logLevel = "ERROR";

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public String getProject() { return project; }
  public void setProject(String project) { this.project = project; }
  public String getTeam() { return team; }
  public void setTeam(String team) { this.team = team; }
  public List<String> getPublicKeys() { return publicKeys; }
  public void setPublicKeys(List<String> publicKeys) { this.publicKeys = publicKeys; }
  public boolean isSendPii() { return sendPii; }
  public void setSendPii(boolean sendPii) { this.sendPii = sendPii; }
  public boolean isSendDefaultPii() { return sendDefaultPii; }
  public void setSendDefaultPii(boolean sendDefaultPii) { this.sendDefaultPii = sendDefaultPii; }
  public long getMonthlyQuota() { return monthlyQuota; }
  public void setMonthlyQuota(long monthlyQuota) { this.monthlyQuota = monthlyQuota; }
  public int getRateLimitPerMinute() { return rateLimitPerMinute; }
  public void setRateLimitPerMinute(int rateLimitPerMinute) { this.rateLimitPerMinute = rateLimitPerMinute; }
  public String getEnvironment() { return environment; }
  public void setEnvironment(String environment) { this.environment = environment; }
  public String getRelease() { return release; }
  public void setRelease(String release) { this.release = release; }
  public String getServerName() { return serverName; }
  public void setServerName(String serverName) { this.serverName = serverName; }
  public List<String> getInAppPackages() { return inAppPackages; }
  public void setInAppPackages(List<String> inAppPackages) { this.inAppPackages = inAppPackages; }
  public double getSampleRate() { return sampleRate; }
  public void setSampleRate(double sampleRate) { this.sampleRate = sampleRate; }
  public int getQueueCapacity() { return queueCapacity; }
  public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
  public boolean isCaptureLogs() { return captureLogs; }
  public void setCaptureLogs(boolean captureLogs) { this.captureLogs = captureLogs; }
  public String getLogLevel() { return logLevel; }
  public void setLogLevel(String logLevel) { this.logLevel = logLevel; }
}
