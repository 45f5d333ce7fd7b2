package dev.obskit.incidents;

import dev.obskit.core.ai.AiAssistant;
import dev.obskit.core.config.Checks;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Notifier;
import dev.obskit.incidents.escalation.EscalationDriver;
import dev.obskit.incidents.escalation.EscalationEngine;
import dev.obskit.incidents.notify.NotificationDispatcher;
import dev.obskit.incidents.notify.RetryPolicy;
import dev.obskit.incidents.oncall.OnCallDirectory;
import dev.obskit.incidents.postmortem.PostmortemGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the incidents module. Immutable; build with {@link #builder()} or read from {@code
 * obs.incidents.*} keys with {@link #fromConfig}.
 */
public final class IncidentsConfig {
  /** Default base of incident and action links. */
  public static final String DEFAULT_LINK_BASE_URL = "http://localhost:8080/obskit/incidents";

  final Duration ackTimeout;
  final Duration tickInterval;
  final boolean driverEnabled;
  final String linkBaseUrl;
  final byte[] linkSecret;
  final List<Notifier> notifiers;
  final RetryPolicy retryPolicy;
  final Map<ChannelKind, RateSpec> rateLimits;
  final int queueCapacity;
  final OnCallDirectory onCall;
  final EscalationPolicyId defaultPolicy;
  final boolean autoResolveUnmapped;
  final AiAssistant assistant;
  final Duration correlationWindow;
  final ChatSettings chat;

  private IncidentsConfig(Builder b) {
    this.ackTimeout = b.ackTimeout;
    this.tickInterval = b.tickInterval;
    this.driverEnabled = b.driverEnabled;
    this.linkBaseUrl = b.linkBaseUrl;
    this.linkSecret = b.linkSecret != null ? b.linkSecret.clone() : null;
    this.notifiers = List.copyOf(b.notifiers);
    this.retryPolicy = b.retryPolicy;
    this.rateLimits = Map.copyOf(b.rateLimits);
    this.queueCapacity = b.queueCapacity;
    this.onCall = b.onCall;
    this.defaultPolicy = b.defaultPolicy;
    this.autoResolveUnmapped = b.autoResolveUnmapped;
    this.assistant = b.assistant;
    this.correlationWindow = b.correlationWindow;
    this.chat = b.chat;
  }

  /** Returns a builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults: no notifiers (deliveries are refused and recorded), 30 min ack timeout. */
  public static IncidentsConfig defaults() {
    return builder().build();
  }

  /**
   * Reads {@code obs.incidents.*}: {@code ack-timeout}, {@code tick-interval}, {@code
   * driver.enabled}, {@code link-base-url}, {@code link-secret}, {@code default-policy}, {@code
   * webhook.secret} (enables the signed webhook channel), {@code slack.enabled} and {@code
   * teams.enabled} (default true), {@code twilio.account-sid|auth-token|from} (SMS and voice), and
   * {@code smtp.host|port|username|password|starttls|from} (e-mail, needs angus-mail), and
   * {@code slack.signing-secret} with {@code slack.team} (and optionally {@code
   * teams.security-token}) for the Slack/Teams routes.
   */
  public static Builder fromConfig(ConfigProperties c, java.time.Clock clock) {
    Builder b = builder();
    b.setAckTimeout(c.getDuration("obs.incidents.ack-timeout", EscalationEngine.DEFAULT_ACK_TIMEOUT));
    b.setTickInterval(c.getDuration("obs.incidents.tick-interval", EscalationDriver.DEFAULT_INTERVAL));
    b.setDriverEnabled(c.getBoolean("obs.incidents.driver.enabled", true));
    b.setLinkBaseUrl(c.getString("obs.incidents.link-base-url", DEFAULT_LINK_BASE_URL));
    String linkSecret = c.getString("obs.incidents.link-secret");
    if (linkSecret != null) {
      b.setLinkSecret(linkSecret.getBytes(StandardCharsets.UTF_8));
    }
    String policy = c.getString("obs.incidents.default-policy");
    if (policy != null) {
      b.setDefaultPolicy(EscalationPolicyId.of(policy));
    }
    ChannelConfig.addConfigured(b, c, clock);
    String slackSecret = c.getString("obs.incidents.slack.signing-secret");
    if (slackSecret != null) {
      String team = c.getString("obs.incidents.slack.team");
      if (team == null) {
        throw new dev.obskit.core.config.ConfigException("obs.incidents.slack.team",
            "is required with obs.incidents.slack.signing-secret");
      }
      b.setChat(dev.obskit.core.id.TeamId.of(team), slackSecret,
          c.getString("obs.incidents.teams.security-token"));
    }
    return b;
  }

  record RateSpec(int permits, Duration period) {}

  /** The Slack/Teams workflows' settings: the team they act for and their secrets (never logged). */
  record ChatSettings(dev.obskit.core.id.TeamId team, String slackSigningSecret,
      String teamsSecurityToken) {
    @Override
    public String toString() {
      return "ChatSettings[team=" + team + ", secrets=(hidden)]";
    }
  }

  /** Builds an {@link IncidentsConfig}. Not thread-safe. */
  public static final class Builder {
    private Duration ackTimeout = EscalationEngine.DEFAULT_ACK_TIMEOUT;
    private Duration tickInterval = EscalationDriver.DEFAULT_INTERVAL;
    private boolean driverEnabled = true;
    private String linkBaseUrl = DEFAULT_LINK_BASE_URL;
    private byte[] linkSecret;
    private final List<Notifier> notifiers = new ArrayList<>();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final Map<ChannelKind, RateSpec> rateLimits = defaultRateLimits();
    private int queueCapacity = NotificationDispatcher.DEFAULT_QUEUE_CAPACITY;
    private OnCallDirectory onCall;
    private EscalationPolicyId defaultPolicy;
    private boolean autoResolveUnmapped = true;
    private AiAssistant assistant = AiAssistant.offline();
    private Duration correlationWindow = PostmortemGenerator.DEFAULT_CORRELATION_WINDOW;
    private ChatSettings chat;

    Builder() {}

    private static Map<ChannelKind, RateSpec> defaultRateLimits() {
      Map<ChannelKind, RateSpec> m = new EnumMap<>(ChannelKind.class);
      Duration minute = Duration.ofMinutes(1);
      m.put(ChannelKind.SLACK, new RateSpec(60, minute));
      m.put(ChannelKind.MS_TEAMS, new RateSpec(60, minute));
      m.put(ChannelKind.WEBHOOK, new RateSpec(600, minute));
      m.put(ChannelKind.EMAIL, new RateSpec(120, minute));
      m.put(ChannelKind.SMS, new RateSpec(30, minute));
      m.put(ChannelKind.VOICE, new RateSpec(10, minute));
      return m;
    }

    /** Sets the acknowledgement timeout, 0 (disabled) to 7 days. Default 30 minutes. */
    public Builder setAckTimeout(Duration ackTimeout) {
      Objects.requireNonNull(ackTimeout, "ackTimeout");
      this.ackTimeout = ackTimeout.isZero() ? ackTimeout : Checks.durationBetween("ackTimeout",
          ackTimeout, Duration.ofSeconds(1), Duration.ofDays(7));
      return this;
    }

    /** Sets how often the driver thread processes due escalation work. Default 5 s. */
    public Builder setTickInterval(Duration tickInterval) {
      this.tickInterval = Checks.durationBetween("tickInterval", tickInterval,
          Duration.ofMillis(10), Duration.ofMinutes(5));
      return this;
    }

    /**
     * Sets whether the module runs its own driver thread; turn it off when the host (or a test on a
     * ManualClock) calls {@link IncidentsModule#tick()} itself. Default true.
     */
    public Builder setDriverEnabled(boolean driverEnabled) {
      this.driverEnabled = driverEnabled;
      return this;
    }

    /** Sets the base URL of incident pages and action links. */
    public Builder setLinkBaseUrl(String linkBaseUrl) {
      this.linkBaseUrl = Checks.notBlank("linkBaseUrl", linkBaseUrl);
      return this;
    }

    /**
     * Sets the secret signing action links (at least 16 bytes); default the kit store's generated
     * key {@code incidents.link-secret}, which survives a restart on a durable store.
     */
    public Builder setLinkSecret(byte[] linkSecret) {
      this.linkSecret = Objects.requireNonNull(linkSecret, "linkSecret").clone();
      return this;
    }

    /** Adds a notifier; one per channel. */
    public Builder addNotifier(Notifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    /** Sets the delivery retry policy. */
    public Builder setRetryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Sets the rate limit of one channel. */
    public Builder setRateLimit(ChannelKind channel, int permits, Duration period) {
      Checks.positive("permits", permits);
      Checks.positive("period", period);
      rateLimits.put(Objects.requireNonNull(channel, "channel"), new RateSpec(permits, period));
      return this;
    }

    /** Sets each channel's queue bound. */
    public Builder setQueueCapacity(int queueCapacity) {
      this.queueCapacity = Checks.positive("queueCapacity", queueCapacity);
      return this;
    }

    /**
     * Sets who-is-on-call. Default: whatever {@link OnCallDirectory} is registered in the kit's
     * context when escalation asks, else nobody (escalation moves past schedule targets).
     */
    public Builder setOnCallDirectory(OnCallDirectory onCall) {
      this.onCall = Objects.requireNonNull(onCall, "onCall");
      return this;
    }

    /** Sets the policy of alerts that map to no catalog service. Default none (no paging). */
    public Builder setDefaultPolicy(EscalationPolicyId defaultPolicy) {
      this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
      return this;
    }

    /** Sets whether a resolve alert resolves an unmapped incident. Default true. */
    public Builder setAutoResolveUnmapped(boolean autoResolveUnmapped) {
      this.autoResolveUnmapped = autoResolveUnmapped;
      return this;
    }

    /** Sets the assistant that enriches postmortems. Default {@link AiAssistant#offline()}. */
    public Builder setAiAssistant(AiAssistant assistant) {
      this.assistant = Objects.requireNonNull(assistant, "assistant");
      return this;
    }

    /**
     * Serves the Slack interactivity and slash-command routes (and the Teams outgoing webhook when
     * {@code teamsSecurityToken} is not null) for {@code team}; see {@code chat.ChatRoutes}.
     */
    public Builder setChat(dev.obskit.core.id.TeamId team, String slackSigningSecret,
        String teamsSecurityToken) {
      this.chat = new ChatSettings(Objects.requireNonNull(team, "team"),
          Objects.requireNonNull(slackSigningSecret, "slackSigningSecret"), teamsSecurityToken);
      return this;
    }

    /** Sets the root-cause correlation window. Default 15 minutes. */
    public Builder setCorrelationWindow(Duration window) {
      this.correlationWindow = Checks.durationBetween("correlationWindow", window,
          Duration.ofSeconds(1), Duration.ofDays(1));
      return this;
    }

    /** Returns the config; throws naming the bad setting. */
    public IncidentsConfig build() {
      if (linkSecret != null && linkSecret.length < 16) {
        throw new ConfigException("obs.incidents.link-secret", "must be at least 16 bytes, got "
            + linkSecret.length);
      }
      return new IncidentsConfig(this);
    }
  }
}
