package dev.obskit.errors.event;

import dev.obskit.core.privacy.PiiScrubber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the core {@link PiiScrubber} to an event the way Sentry treats {@code
 * sendDefaultPii=false}: messages and their parameters, exception values, breadcrumb messages and
 * data, tag and extra values, the {@code MDC} context (logging context entries, from ObsKit's and
 * Sentry's logging appenders), request headers (Sentry's sensitive headers are removed outright)
 * and user fields (e-mail filtered, IP address dropped). Thread-safe.
 */
public final class EventScrubber {
  /** Headers removed from requests, after sentry-java's {@code HttpUtils.SENSITIVE_HEADERS}. */
  public static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "cookie", "set-cookie",
      "x-forwarded-for", "x-real-ip", "x-api-key", "forwarded", "proxy-authorization",
      "x-csrf-token", "x-csrftoken", "x-xsrf-token", "remote-addr", "x-client-ip");

  private final PiiScrubber scrubber;

  /** Creates a scrubber using {@code scrubber}'s rules. */
  public EventScrubber(PiiScrubber scrubber) {
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
  }

  /**
   * Returns a scrubbed copy of {@code event}, or {@code event} itself when scrubbing changes
   * nothing (the common case), so a clean event is not copied part by part.
   */
  public ErrorEvent scrub(ErrorEvent event) {
    ErrorEvent.Builder b = null;
    LogEntry log = event.logEntry();
    if (log != null) {
      List<String> params = new ArrayList<>(log.params().size());
      log.params().forEach(p -> params.add(scrubber.scrubText(p)));
      LogEntry scrubbed = new LogEntry(scrubber.scrubText(log.template()), params,
          scrubber.scrubText(log.formatted()));
      if (!scrubbed.equals(log)) {
        b = event.toBuilder().logEntry(scrubbed);
      }
    }
    List<ExceptionValue> exceptions = scrubExceptions(event.exceptions());
    if (exceptions != null) {
      b = (b == null ? event.toBuilder() : b).exceptions(exceptions);
    }
    List<Breadcrumb> crumbs = scrubBreadcrumbs(event.breadcrumbs());
    if (crumbs != null) {
      b = (b == null ? event.toBuilder() : b).breadcrumbs(crumbs);
    }
    Map<String, String> tags = event.tags().isEmpty() ? event.tags() : scrubber.scrubMap(event.tags());
    if (!tags.equals(event.tags())) {
      b = (b == null ? event.toBuilder() : b).tags(tags);
    }
    Map<String, Object> extra = event.extra().isEmpty() ? event.extra() : scrubObject(event.extra());
    if (!extra.equals(event.extra())) {
      b = (b == null ? event.toBuilder() : b).extra(extra);
    }
    if (event.contexts().get("MDC") instanceof Map<?, ?> mdc) {
      Object scrubbed = scrubValue(mdc);
      if (!scrubbed.equals(mdc)) {
        b = (b == null ? event.toBuilder() : b).context("MDC", scrubbed);
      }
    }
    UserInfo u = event.user();
    if (!u.isEmpty()) {
      UserInfo scrubbed = new UserInfo(u.id(), u.email() == null ? null : PiiScrubber.FILTERED,
          scrubber.scrubText(u.username()), null);
      if (!scrubbed.equals(u)) {
        b = (b == null ? event.toBuilder() : b).user(scrubbed);
      }
    }
    RequestInfo r = event.request();
    if (r != null) {
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().forEach((k, v) -> {
        if (!SENSITIVE_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
          headers.put(k, scrubber.scrubValue(k, v));
        }
      });
      RequestInfo scrubbed = new RequestInfo(r.method(), scrubber.scrubText(r.url()), headers);
      if (!scrubbed.equals(r)) {
        b = (b == null ? event.toBuilder() : b).request(scrubbed);
      }
    }
    return b == null ? event : b.build();
  }

  /** Returns the scrubbed exceptions, or null when none changed. */
  private List<ExceptionValue> scrubExceptions(List<ExceptionValue> values) {
    List<ExceptionValue> out = null;
    for (int i = 0; i < values.size(); i++) {
      ExceptionValue v = values.get(i);
      String value = scrubber.scrubText(v.value());
      if (Objects.equals(value, v.value())) {
        if (out != null) {
          out.add(v);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(values.subList(0, i));
      }
      // Records are values: the frame list is shared, not copied.
      out.add(new ExceptionValue(v.type(), value, v.module(), v.frames(), v.mechanismType(),
          v.synthetic(), v.handled()));
    }
    return out;
  }

  /** Returns the scrubbed breadcrumbs, or null when none changed. */
  private List<Breadcrumb> scrubBreadcrumbs(List<Breadcrumb> values) {
    List<Breadcrumb> out = null;
    for (int i = 0; i < values.size(); i++) {
      Breadcrumb c = values.get(i);
      String message = scrubber.scrubText(c.message());
      Map<String, String> data = c.data().isEmpty() ? c.data() : scrubber.scrubMap(c.data());
      if (Objects.equals(message, c.message()) && data.equals(c.data())) {
        if (out != null) {
          out.add(c);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(values.subList(0, i));
      }
      out.add(new Breadcrumb(c.timestamp(), c.type(), c.category(), message, c.level(), data));
    }
    return out;
  }

  private Map<String, Object> scrubObject(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, scrubber.isSensitiveKey(k) ? PiiScrubber.FILTERED : scrubValue(v)));
    return out;
  }

  private Object scrubValue(Object v) {
    if (v instanceof String s) {
      return scrubber.scrubText(s);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, val) -> copy.put(String.valueOf(k), val));
      return scrubObject(copy);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(scrubValue(x)));
      return out;
    }
    return v;
  }
}
