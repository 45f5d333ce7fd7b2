package dev.obskit.telemetry.alert;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/** Alert rules over metrics: a Micrometer timer's p95, and an EWMA anomaly band on any series. */
public final class MetricRules {
  private MetricRules() {}

  /**
   * Fires when the 95th percentile of the Micrometer timer {@code timerName} exceeds
   * {@code threshold}. The timer must publish the 0.95 percentile
   * ({@code Timer.builder(..).publishPercentiles(0.95)}); otherwise the rule says so in its
   * summary and does not fire.
   */
  public static TelemetryRule p95Latency(String name, MeterRegistry registry, String timerName,
      Duration threshold) {
    requireNonNull(registry, "registry");
    requireNonNull(timerName, "timerName");
    return new TelemetryRule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String evaluate(Instant now) {
        Timer timer = registry.find(timerName).timer();
        if (timer == null) {
          return null;
        }
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
          if (Math.abs(p.percentile() - 0.95) < 1e-9) {
            double ms = p.value(TimeUnit.MILLISECONDS);
            return ms > threshold.toNanos() / 1e6
                ? String.format(java.util.Locale.ROOT, "p95 of %s is %.1f ms (threshold %d ms)",
                    timerName, ms, threshold.toMillis()) : null;
          }
        }
        return null;
      }
    };
  }

  /**
   * An anomaly rule on a series sampled at each evaluation: an exponentially weighted moving
   * average and variance (weight {@code alpha} for the newest sample); fires when a sample lies
   * more than {@code k} standard deviations above the mean, after {@code warmup} samples. A firing
   * sample is not folded into the baseline, so a sustained anomaly keeps firing instead of
   * becoming the new normal. See the module README for its false-positive rate on a synthetic
   * series.
   */
  public static TelemetryRule ewmaAnomaly(String name, DoubleSupplier series, double alpha,
      double k, int warmup) {
    requireNonNull(series, "series");
    if (!(alpha > 0 && alpha < 1) || !(k > 0) || warmup < 2) {
      throw new IllegalArgumentException("need 0 < alpha < 1, k > 0, warmup >= 2; got alpha="
          + alpha + " k=" + k + " warmup=" + warmup);
    }
    return new Ewma(name, series, alpha, k, warmup);
  }

  static final class Ewma implements TelemetryRule {
    private final String name;
    private final DoubleSupplier series;
    private final double alpha;
    private final double k;
    private final int warmup;
    private double mean;
    private double variance;
    private int samples;

    Ewma(String name, DoubleSupplier series, double alpha, double k, int warmup) {
      this.name = requireNonNull(name, "name");
      this.series = series;
      this.alpha = alpha;
      this.k = k;
      this.warmup = warmup;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String evaluate(Instant now) {
      return observe(series.getAsDouble());
    }

    /** Folds in one sample; returns the summary if it is anomalous. */
    String observe(double x) {
      if (samples >= warmup) {
        double sd = Math.sqrt(variance);
        if (x > mean + k * Math.max(sd, 1e-9)) {
          return String.format(java.util.Locale.ROOT,
              "%s is %.2f, above its baseline %.2f + %.1f x %.2f", name, x, mean, k, sd);
        }
      }
      if (samples == 0) {
        mean = x;
      } else {
        double diff = x - mean;
        double incr = alpha * diff;
        mean += incr;
        variance = (1 - alpha) * (variance + diff * incr);
      }
      samples++;
      return null;
    }
  }
}
