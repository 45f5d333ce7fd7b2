package dev.obskit.telemetry.transform;

import static java.util.Objects.requireNonNull;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ordered transforms applied to every event before it is buffered: the library's answer to log
 * transformation rules. Configured in code with {@link #builder()} or from properties with
 * {@link #fromConfig}. Immutable and thread-safe; a transform that throws is skipped for that
 * event (the event is kept), never propagated into the logging thread.
 */
public final class TransformPipeline {
  private static final TransformPipeline EMPTY = new TransformPipeline(List.of());
  private final Transform[] steps;

  private TransformPipeline(List<Transform> steps) {
    this.steps = steps.toArray(new Transform[0]);
  }

  /** Returns a pipeline that keeps every event unchanged. */
  public static TransformPipeline identity() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the pipeline from properties under {@code prefix} (e.g. {@code obs.telemetry.transform}):
   * {@code .min-level=INFO}, {@code .drop-loggers=org.apache.http,com.zaxxer},
   * {@code .scrub=true}, {@code .rename=userId=user.id,req=request.id},
   * {@code .add=env=prod,region=eu}, {@code .sample-rate=0.1}, {@code .sample-keep-from=WARN}.
   * Order: level, loggers, sample, rename, add, scrub.
   *
   * @throws ConfigException naming the key of a malformed value
   */
  public static TransformPipeline fromConfig(ConfigProperties config, String prefix,
      PiiScrubber scrubber) {
    Builder b = builder();
    String minLevel = config.getString(prefix + ".min-level");
    if (minLevel != null) {
      b.add(Transforms.minLevel(parseLevel(prefix + ".min-level", minLevel)));
    }
    List<String> drop = config.getList(prefix + ".drop-loggers");
    if (drop != null && !drop.isEmpty()) {
      b.add(Transforms.dropLoggers(drop));
    }
    Double rate = config.getDouble(prefix + ".sample-rate");
    if (rate != null) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new ConfigException(prefix + ".sample-rate", "must be between 0 and 1, got " + rate);
      }
      String keep = config.getString(prefix + ".sample-keep-from", "WARN");
      b.add(Transforms.sample(rate, parseLevel(prefix + ".sample-keep-from", keep)));
    }
    Map<String, String> rename = config.getMap(prefix + ".rename");
    if (rename != null && !rename.isEmpty()) {
      b.add(Transforms.renameAttributes(rename));
    }
    Map<String, String> add = config.getMap(prefix + ".add");
    if (add != null && !add.isEmpty()) {
      b.add(Transforms.addAttributes(add));
    }
    if (config.getBoolean(prefix + ".scrub", true)) {
      b.add(Transforms.scrub(scrubber));
    }
    return b.build();
  }

  private static Severity parseLevel(String key, String value) {
    try {
      return Severity.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage(), e);
    }
  }

  /** Applies every step in order; returns null if one dropped the event. Never throws. */
  public TelemetryEvent apply(TelemetryEvent event) {
    TelemetryEvent e = event;
    for (Transform t : steps) {
      TelemetryEvent next;
      try {
        next = t.apply(e);
      } catch (RuntimeException ex) {
        continue;
      }
      if (next == null) {
        return null;
      }
      e = next;
    }
    return e;
  }

  /** Returns the number of steps. */
  public int size() {
    return steps.length;
  }

  /** Builder; not thread-safe. */
  public static final class Builder {
    private final List<Transform> steps = new ArrayList<>();

    Builder() {}

    /** Appends a step. */
    public Builder add(Transform transform) {
      steps.add(requireNonNull(transform, "transform"));
      return this;
    }

    /** Appends every step of {@code other}. */
    public Builder addAll(TransformPipeline other) {
      steps.addAll(List.of(other.steps));
      return this;
    }

    public TransformPipeline build() {
      return steps.isEmpty() ? EMPTY : new TransformPipeline(steps);
    }
  }
}
