package dev.obskit.core.notify;

import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.TeamId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message to one recipient: the channel-neutral model each {@link Notifier} renders into its
 * own format (Slack blocks, an Adaptive Card, an e-mail, 160 characters of SMS). Immutable.
 */
public final class Notification {
  private final String id;
  private final TeamId teamId;
  private final Recipient recipient;
  private final String title;
  private final String body;
  private final AlertSeverity severity;
  private final Urgency urgency;
  private final String subjectRef;
  private final Map<String, String> fields;
  private final List<Link> links;
  private final Link acknowledgeAction;
  private final Link resolveAction;

  private Notification(Builder b) {
    this.id = b.id;
    this.teamId = b.teamId;
    this.recipient = b.recipient;
    this.title = b.title;
    this.body = b.body;
    this.severity = b.severity;
    this.urgency = b.urgency;
    this.subjectRef = b.subjectRef;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    this.links = List.copyOf(b.links);
    this.acknowledgeAction = b.acknowledgeAction;
    this.resolveAction = b.resolveAction;
  }

  /** Starts a notification with its unique {@code id} (used as idempotency key by channels). */
  public static Builder builder(String id, TeamId teamId, Recipient recipient) {
    return new Builder(id, teamId, recipient);
  }

  /** Returns the unique id of this message, stable across retries. */
  public String id() {
    return id;
  }

  /** Returns the team. */
  public TeamId teamId() {
    return teamId;
  }

  /** Returns the recipient. */
  public Recipient recipient() {
    return recipient;
  }

  /** Returns the headline, e.g. {@code "[SEV1] checkout-api is down"}. */
  public String title() {
    return title;
  }

  /** Returns the plain-text body; may be empty. */
  public String body() {
    return body;
  }

  /** Returns the severity of what is being reported. */
  public AlertSeverity severity() {
    return severity;
  }

  /** Returns the urgency. */
  public Urgency urgency() {
    return urgency;
  }

  /** Returns what the message is about, e.g. an incident id; empty when none. */
  public String subjectRef() {
    return subjectRef;
  }

  /** Returns labelled facts (service, started, monitor), insertion ordered. */
  public Map<String, String> fields() {
    return fields;
  }

  /** Returns links to show. */
  public List<Link> links() {
    return links;
  }

  /** Returns the acknowledge action link, or null. */
  public Link acknowledgeAction() {
    return acknowledgeAction;
  }

  /** Returns the resolve action link, or null. */
  public Link resolveAction() {
    return resolveAction;
  }

  @Override
  public String toString() {
    return "Notification{" + id + " to " + recipient + ": " + title + "}";
  }

  /** Builds a {@link Notification}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final TeamId teamId;
    private final Recipient recipient;
    private String title;
    private String body = "";
    private AlertSeverity severity = AlertSeverity.ERROR;
    private Urgency urgency = Urgency.HIGH;
    private String subjectRef = "";
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private Link acknowledgeAction;
    private Link resolveAction;

    Builder(String id, TeamId teamId, Recipient recipient) {
      this.id = Objects.requireNonNull(id, "id");
      this.teamId = Objects.requireNonNull(teamId, "teamId");
      this.recipient = Objects.requireNonNull(recipient, "recipient");
    }

    /** Sets the headline; required. */
    public Builder setTitle(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** Sets the body. */
    public Builder setBody(String body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Sets the severity. Default {@link AlertSeverity#ERROR}. */
    public Builder setSeverity(AlertSeverity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** Sets the urgency. Default {@link Urgency#HIGH}. */
    public Builder setUrgency(Urgency urgency) {
      this.urgency = Objects.requireNonNull(urgency, "urgency");
      return this;
    }

    /** Sets what the message is about. */
    public Builder setSubjectRef(String subjectRef) {
      this.subjectRef = Objects.requireNonNull(subjectRef, "subjectRef");
      return this;
    }

    /** Adds a labelled fact. */
    public Builder putField(String label, String value) {
      fields.put(Objects.requireNonNull(label, "label"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds a link. */
    public Builder addLink(Link link) {
      links.add(Objects.requireNonNull(link, "link"));
      return this;
    }

    /** Sets the acknowledge action link. */
    public Builder setAcknowledgeAction(Link link) {
      this.acknowledgeAction = Objects.requireNonNull(link, "link");
      return this;
    }

    /** Sets the resolve action link. */
    public Builder setResolveAction(Link link) {
      this.resolveAction = Objects.requireNonNull(link, "link");
      return this;
    }

    /** Returns the notification; throws if no title was set. */
    public Notification build() {
      if (title == null || title.isBlank()) {
        throw new IllegalStateException("title is required for notification " + id);
      }
      return new Notification(this);
    }
  }
}
