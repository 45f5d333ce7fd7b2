package dev.obskit.telemetry.transform;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.config.Checks;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TelemetryEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The built-in transforms; each factory validates its arguments and names the bad one. */
public final class Transforms {
  private Transforms() {}

  /** Drops events below {@code minimum}. */
  public static Transform minLevel(Severity minimum) {
    requireNonNull(minimum, "minimum");
    return e -> e.severity().compareTo(minimum) >= 0 ? e : null;
  }

  /**
   * Drops events from loggers named {@code prefix} or below it ({@code "com.acme"} drops
   * {@code com.acme.Foo}, not {@code com.acmeish}).
   */
  public static Transform dropLoggers(List<String> prefixes) {
    List<String> list = List.copyOf(prefixes);
    return e -> {
      String logger = e.logger();
      for (String p : list) {
        if (logger.equals(p) || logger.startsWith(p) && logger.length() > p.length()
            && logger.charAt(p.length()) == '.') {
          return null;
        }
      }
      return e;
    };
  }

  /**
   * Redacts with the core PII scrubber: the message, exception message and stack trace text, and
   * every attribute (sensitive keys are replaced entirely, other values have e-mail addresses,
   * card numbers and tokens masked).
   */
  public static Transform scrub(PiiScrubber scrubber) {
    requireNonNull(scrubber, "scrubber");
    return e -> {
      e.setMessage(scrubber.scrubText(e.message()));
      for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
        if (a.getValue() instanceof String) {
          a.setValue(scrubber.scrubValue(a.getKey(), (String) a.getValue()));
        } else if (scrubber.isSensitiveKey(a.getKey())) {
          a.setValue(PiiScrubber.FILTERED);
        }
      }
      TelemetryEvent.ThrowableInfo t = e.throwable();
      if (t != null) {
        e.setThrowable(new TelemetryEvent.ThrowableInfo(t.type(),
            t.message() == null ? null : scrubber.scrubText(t.message()),
            scrubber.scrubText(t.stackTrace())));
      }
      return e;
    };
  }

  /** Renames attributes: {@code from -> to}; an existing {@code to} is overwritten. */
  public static Transform renameAttributes(Map<String, String> renames) {
    Map<String, String> map = Map.copyOf(renames);
    map.forEach((from, to) -> Checks.notBlank("rename target of '" + from + "'", to));
    return e -> {
      for (Map.Entry<String, String> r : map.entrySet()) {
        Object v = e.attributes().remove(r.getKey());
        if (v != null) {
          e.attributes().put(r.getValue(), v);
        }
      }
      return e;
    };
  }

  /** Adds constant attributes (environment, region...) without replacing existing values. */
  public static Transform addAttributes(Map<String, ?> fields) {
    Map<String, Object> map = new LinkedHashMap<>(fields);
    return e -> {
      map.forEach(e.attributes()::putIfAbsent);
      return e;
    };
  }

  /**
   * Keeps a random {@code rate} fraction (0..1) of events below {@code keepAllFrom}; events at or
   * above it (e.g. WARN and ERROR) are always kept.
   */
  public static Transform sample(double rate, Severity keepAllFrom) {
    Checks.between("sample rate", rate, 0.0, 1.0);
    requireNonNull(keepAllFrom, "keepAllFrom");
    return e -> e.severity().compareTo(keepAllFrom) >= 0
        || ThreadLocalRandom.current().nextDouble() < rate ? e : null;
  }
}
