package dev.obskit.errors.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One error or message event, modelled on Sentry's event JSON so that events captured in-process
 * and events ingested from a Sentry SDK are the same thing. Absent optional strings are null;
 * collections are never null. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class ErrorEvent {
  private final String eventId;
  private final Instant timestamp;
  private final String platform;
  private final Level level;
  private final String logger;
  private final String transaction;
  private final String serverName;
  private final String release;
  private final String dist;
  private final String environment;
  private final LogEntry logEntry;
  private final List<ExceptionValue> exceptions;
  private final Map<String, String> tags;
  private final UserInfo user;
  private final RequestInfo request;
  private final Map<String, Object> contexts;
  private final Map<String, Object> extra;
  private final List<Breadcrumb> breadcrumbs;
  private final List<String> fingerprint;
  private final List<ThreadInfo> threads;
  private final List<StackFrame> stacktrace;

  private ErrorEvent(Builder b) {
    this.eventId = b.eventId;
    this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
    this.platform = b.platform == null ? "java" : b.platform;
    this.level = b.level == null ? Level.ERROR : b.level;
    this.logger = b.logger;
    this.transaction = b.transaction;
    this.serverName = b.serverName;
    this.release = b.release;
    this.dist = b.dist;
    this.environment = b.environment;
    this.logEntry = b.logEntry;
    this.exceptions = List.copyOf(b.exceptions);
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    this.user = b.user == null ? UserInfo.EMPTY : b.user;
    this.request = b.request;
    this.contexts = Collections.unmodifiableMap(new LinkedHashMap<>(b.contexts));
    this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
    this.breadcrumbs = List.copyOf(b.breadcrumbs);
    this.fingerprint = List.copyOf(b.fingerprint);
    this.threads = List.copyOf(b.threads);
    this.stacktrace = List.copyOf(b.stacktrace);
  }

  /** Returns a new builder; {@code timestamp} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this event's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.eventId = eventId;
    b.timestamp = timestamp;
    b.platform = platform;
    b.level = level;
    b.logger = logger;
    b.transaction = transaction;
    b.serverName = serverName;
    b.release = release;
    b.dist = dist;
    b.environment = environment;
    b.logEntry = logEntry;
    b.exceptions.addAll(exceptions);
    b.tags.putAll(tags);
    b.user = user;
    b.request = request;
    b.contexts.putAll(contexts);
    b.extra.putAll(extra);
    b.breadcrumbs.addAll(breadcrumbs);
    b.fingerprint.addAll(fingerprint);
    b.threads.addAll(threads);
    b.stacktrace.addAll(stacktrace);
    return b;
  }

  /** Returns the 32-character lowercase hex id, or null before one is assigned. */
  public String eventId() {
    return eventId;
  }

  /** Returns when the event happened. */
  public Instant timestamp() {
    return timestamp;
  }

  /** Returns the platform, {@code java} by default. */
  public String platform() {
    return platform;
  }

  /** Returns the level, {@link Level#ERROR} when the sender named none. */
  public Level level() {
    return level;
  }

  /** Returns the logger name, or null. */
  public String logger() {
    return logger;
  }

  /** Returns the transaction (route, job name), or null. */
  public String transaction() {
    return transaction;
  }

  /** Returns the host name, or null. */
  public String serverName() {
    return serverName;
  }

  /** Returns the release, e.g. {@code shop@1.4.2}, or null. */
  public String release() {
    return release;
  }

  /** Returns the distribution, or null. */
  public String dist() {
    return dist;
  }

  /** Returns the environment, or null. */
  public String environment() {
    return environment;
  }

  /** Returns the log message, or null. */
  public LogEntry logEntry() {
    return logEntry;
  }

  /** Returns the exception chain, root cause first (Sentry's order); empty for messages. */
  public List<ExceptionValue> exceptions() {
    return exceptions;
  }

  /** Returns the tags. */
  public Map<String, String> tags() {
    return tags;
  }

  /** Returns the user, {@link UserInfo#EMPTY} when none. */
  public UserInfo user() {
    return user;
  }

  /** Returns the request, or null. */
  public RequestInfo request() {
    return request;
  }

  /** Returns free-form contexts (runtime, os, trace, ...): maps, lists, strings, numbers, booleans. */
  public Map<String, Object> contexts() {
    return contexts;
  }

  /** Returns free-form extra data. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** Returns the breadcrumbs, oldest first. */
  public List<Breadcrumb> breadcrumbs() {
    return breadcrumbs;
  }

  /** Returns the fingerprint; empty means default grouping. */
  public List<String> fingerprint() {
    return fingerprint;
  }

  /**
   * Returns Sentry's {@code threads} interface (the SDK attaches the capturing thread's stack, for
   * example to {@code captureMessage}); empty when not sent.
   */
  public List<ThreadInfo> threads() {
    return threads;
  }

  /**
   * Returns the event-level {@code stacktrace} interface's frames, caller to callee (sent by some
   * SDKs and store-endpoint clients instead of a stack on an exception or thread); empty when not
   * sent.
   */
  public List<StackFrame> stacktrace() {
    return stacktrace;
  }

  /** Returns the newest (outermost) exception, or null for a message event. */
  public ExceptionValue mainException() {
    return exceptions.isEmpty() ? null : exceptions.get(exceptions.size() - 1);
  }

  /** Returns a one-line title: {@code "Type: message"} or the message. */
  public String title() {
    ExceptionValue main = mainException();
    if (main != null) {
      String value = main.value() == null ? "" : firstLine(main.value());
      String type = main.type() == null ? "Error" : main.type();
      return value.isEmpty() ? type : type + ": " + value;
    }
    if (logEntry != null && logEntry.displayText() != null) {
      return firstLine(logEntry.displayText());
    }
    return "<unlabeled event>";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public String toString() {
    return "ErrorEvent{" + eventId + ", " + level.wireName() + ", " + title() + "}";
  }

  /** Builds an {@link ErrorEvent}. Not thread-safe. */
  public static final class Builder {
    private String eventId;
    private Instant timestamp;
    private String platform;
    private Level level;
    private String logger;
    private String transaction;
    private String serverName;
    private String release;
    private String dist;
    private String environment;
    private LogEntry logEntry;
    private final List<ExceptionValue> exceptions = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private UserInfo user;
    private RequestInfo request;
    private final Map<String, Object> contexts = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final List<Breadcrumb> breadcrumbs = new ArrayList<>();
    private final List<String> fingerprint = new ArrayList<>();
    private final List<ThreadInfo> threads = new ArrayList<>();
    private final List<StackFrame> stacktrace = new ArrayList<>();

    Builder() {}

    /** Sets the event id (32 lowercase hex characters). */
    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    /** Sets the timestamp; required. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
      return this;
    }

    /** Sets the platform; default {@code java}. */
    public Builder platform(String platform) {
      this.platform = platform;
      return this;
    }

    /** Sets the level; default error. */
    public Builder level(Level level) {
      this.level = level;
      return this;
    }

    /** Sets the logger name. */
    public Builder logger(String logger) {
      this.logger = logger;
      return this;
    }

    /** Sets the transaction. */
    public Builder transaction(String transaction) {
      this.transaction = transaction;
      return this;
    }

    /** Sets the server name. */
    public Builder serverName(String serverName) {
      this.serverName = serverName;
      return this;
    }

    /** Sets the release. */
    public Builder release(String release) {
      this.release = release;
      return this;
    }

    /** Sets the distribution. */
    public Builder dist(String dist) {
      this.dist = dist;
      return this;
    }

    /** Sets the environment. */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** Sets the log message. */
    public Builder logEntry(LogEntry logEntry) {
      this.logEntry = logEntry;
      return this;
    }

    /** Replaces the exception chain (root cause first). */
    public Builder exceptions(List<ExceptionValue> values) {
      exceptions.clear();
      exceptions.addAll(values);
      return this;
    }

    /** Sets one tag. */
    public Builder tag(String key, String value) {
      tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Replaces all tags. */
    public Builder tags(Map<String, String> values) {
      tags.clear();
      tags.putAll(values);
      return this;
    }

    /** Sets the user. */
    public Builder user(UserInfo user) {
      this.user = user;
      return this;
    }

    /** Sets the request. */
    public Builder request(RequestInfo request) {
      this.request = request;
      return this;
    }

    /** Sets one context. */
    public Builder context(String key, Object value) {
      contexts.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /** Replaces all contexts. */
    public Builder contexts(Map<String, Object> values) {
      contexts.clear();
      contexts.putAll(values);
      return this;
    }

    /** Replaces the extra data. */
    public Builder extra(Map<String, Object> values) {
      extra.clear();
      extra.putAll(values);
      return this;
    }

    /** Replaces the breadcrumbs (oldest first). */
    public Builder breadcrumbs(List<Breadcrumb> values) {
      breadcrumbs.clear();
      breadcrumbs.addAll(values);
      return this;
    }

    /** Replaces the fingerprint. */
    public Builder fingerprint(List<String> values) {
      fingerprint.clear();
      fingerprint.addAll(values);
      return this;
    }

    /** Replaces the threads. */
    public Builder threads(List<ThreadInfo> values) {
      threads.clear();
      threads.addAll(values);
      return this;
    }

    /** Replaces the event-level stack trace's frames (caller to callee). */
    public Builder stacktrace(List<StackFrame> frames) {
      stacktrace.clear();
      stacktrace.addAll(frames);
      return this;
    }

    /** Returns the event. */
    public ErrorEvent build() {
      return new ErrorEvent(this);
    }
  }
}
