package dev.obskit.core.alert;

import dev.obskit.core.id.TeamId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trigger: something a module (or the host) wants a human to know about. Modules never call each
 * other; they raise alerts through {@link AlertManager#trigger} and the incidents module (or the
 * host) consumes the resulting {@link AlertEvent}s.
 *
 * <p>The {@code dedupKey} identifies the problem, not the occurrence, as in PagerDuty Events API
 * v2: {@code "uptime:monitor:m-42"}, {@code "errors:group:g-7:regression"}. Repeated triggers
 * with an open key merge; a resolve by the same key closes it. Immutable.
 */
public final class Alert {
  /** Longest accepted dedup key, PagerDuty's limit. */
  public static final int MAX_DEDUP_KEY_LENGTH = 255;
  /** Longest accepted summary, PagerDuty's limit; longer summaries are truncated. */
  public static final int MAX_SUMMARY_LENGTH = 1024;
  /** Most detail entries kept. */
  public static final int MAX_DETAILS = 64;

  private final TeamId teamId;
  private final String dedupKey;
  private final String source;
  private final AlertSeverity severity;
  private final String summary;
  private final String component;
  private final Map<String, String> details;

  private Alert(Builder b) {
    this.teamId = b.teamId;
    this.dedupKey = b.dedupKey;
    this.source = b.source;
    this.severity = b.severity;
    this.summary = b.summary;
    this.component = b.component;
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
  }

  /** Starts an alert for {@code teamId} identified by {@code dedupKey}. */
  public static Builder builder(TeamId teamId, String dedupKey) {
    return new Builder(teamId, dedupKey);
  }

  /** Returns the team the alert belongs to. */
  public TeamId teamId() {
    return teamId;
  }

  /** Returns the key that identifies the problem across repeated triggers. */
  public String dedupKey() {
    return dedupKey;
  }

  /** Returns what raised it, conventionally the module and object: {@code "obs-uptime/m-42"}. */
  public String source() {
    return source;
  }

  /** Returns the severity. */
  public AlertSeverity severity() {
    return severity;
  }

  /** Returns a one-line human summary. */
  public String summary() {
    return summary;
  }

  /** Returns the affected component or service name; empty when not given. */
  public String component() {
    return component;
  }

  /** Returns free-form details (status code, URL, error group, ...), insertion ordered. */
  public Map<String, String> details() {
    return details;
  }

  @Override
  public String toString() {
    return "Alert{" + teamId + "/" + dedupKey + ", " + severity + ", " + summary + "}";
  }

  /** Builds an {@link Alert}. Validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final TeamId teamId;
    private final String dedupKey;
    private String source = "host";
    private AlertSeverity severity = AlertSeverity.ERROR;
    private String summary;
    private String component = "";
    private final Map<String, String> details = new LinkedHashMap<>();

    Builder(TeamId teamId, String dedupKey) {
      this.teamId = Objects.requireNonNull(teamId, "teamId");
      Objects.requireNonNull(dedupKey, "dedupKey");
      if (dedupKey.isBlank() || dedupKey.length() > MAX_DEDUP_KEY_LENGTH) {
        throw new IllegalArgumentException("dedupKey must be 1 to " + MAX_DEDUP_KEY_LENGTH
            + " non-blank characters, got " + dedupKey.length());
      }
      this.dedupKey = dedupKey;
    }

    /** Sets what raised the alert. Default {@code "host"}. */
    public Builder setSource(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the severity. Default {@link AlertSeverity#ERROR}. */
    public Builder setSeverity(AlertSeverity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** Sets the summary; required. Truncated to {@value Alert#MAX_SUMMARY_LENGTH} characters. */
    public Builder setSummary(String summary) {
      Objects.requireNonNull(summary, "summary");
      this.summary = summary.length() > MAX_SUMMARY_LENGTH ? truncate(summary) : summary;
      return this;
    }

    private static String truncate(String summary) {
      int end = MAX_SUMMARY_LENGTH - 3;
      // Never cut a surrogate pair in half: a lone surrogate is invalid UTF-16 and breaks JSON encoders.
      if (Character.isHighSurrogate(summary.charAt(end - 1))) {
        end--;
      }
      return summary.substring(0, end) + "...";
    }

    /** Sets the affected component or service. */
    public Builder setComponent(String component) {
      this.component = Objects.requireNonNull(component, "component");
      return this;
    }

    /** Adds one detail; at most {@value Alert#MAX_DETAILS} are kept. */
    public Builder putDetail(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (details.size() < MAX_DETAILS || details.containsKey(key)) {
        details.put(key, value);
      }
      return this;
    }

    /** Adds every entry of {@code more}. */
    public Builder putDetails(Map<String, String> more) {
      Objects.requireNonNull(more, "details").forEach(this::putDetail);
      return this;
    }

    /** Returns the alert; throws if no summary was set. */
    public Alert build() {
      if (summary == null || summary.isBlank()) {
        throw new IllegalStateException("summary is required for alert " + dedupKey);
      }
      return new Alert(this);
    }
  }
}
