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

  /** Returns a scrubbed copy of {@code event}. */
  public ErrorEvent scrub(ErrorEvent event) {
    ErrorEvent.Builder b = event.toBuilder();
    LogEntry log = event.logEntry();
    if (log != null) {
      List<String> params = new ArrayList<>();
      log.params().forEach(p -> params.add(scrubber.scrubText(p)));
      b.logEntry(new LogEntry(scrubber.scrubText(log.template()), params, scrubber.scrubText(log.formatted())));
    }
    List<ExceptionValue> exceptions = new ArrayList<>();
    for (ExceptionValue v : event.exceptions()) {
      String value = scrubber.scrubText(v.value());
      // Records are values: an unchanged message keeps the original (and its frame list).
      exceptions.add(Objects.equals(value, v.value()) ? v : new ExceptionValue(v.type(), value,
          v.module(), v.frames(), v.mechanismType(), v.synthetic(), v.handled()));
    }
    b.exceptions(exceptions);
    List<Breadcrumb> crumbs = new ArrayList<>();
    for (Breadcrumb c : event.breadcrumbs()) {
      crumbs.add(new Breadcrumb(c.timestamp(), c.type(), c.category(), scrubber.scrubText(c.message()),
          c.level(), scrubber.scrubMap(c.data())));
    }
    b.breadcrumbs(crumbs);
    b.tags(scrubber.scrubMap(event.tags()));
    b.extra(scrubObject(event.extra()));
    if (event.contexts().get("MDC") instanceof Map<?, ?> mdc) {
      b.context("MDC", scrubValue(mdc));
    }
    UserInfo u = event.user();
    if (!u.isEmpty()) {
      b.user(new UserInfo(u.id(), u.email() == null ? null : PiiScrubber.FILTERED,
          scrubber.scrubText(u.username()), null));
    }
    RequestInfo r = event.request();
    if (r != null) {
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().forEach((k, v) -> {
        if (!SENSITIVE_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
          headers.put(k, scrubber.scrubValue(k, v));
        }
      });
      b.request(new RequestInfo(r.method(), scrubber.scrubText(r.url()), headers));
    }
    return b.build();
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
