package dev.obskit.telemetry.alert;

import static java.util.Objects.requireNonNull;

import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TailLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.regex.Pattern;

/** Alert rules over log lines, each over a sliding window of event time ending at "now". */
public final class LogRules {
  private LogRules() {}

  /**
   * Fires when, over the last {@code window}, at least {@code minEvents} lines were logged and
   * the share at ERROR or above exceeds {@code maxErrorRatio}.
   */
  public static TelemetryRule errorRate(String name, Duration window, double maxErrorRatio,
      int minEvents) {
    if (!(maxErrorRatio >= 0 && maxErrorRatio < 1)) {
      throw new IllegalArgumentException("maxErrorRatio must be in [0, 1), got " + maxErrorRatio);
    }
    return new Windowed(name, window) {
      private final ArrayDeque<Long> errors = new ArrayDeque<>();

      @Override
      void onLine(TailLine line) {
        if (line.severity().compareTo(Severity.ERROR) >= 0) {
          errors.add(line.epochNanos());
        }
      }

      @Override
      String check(Instant now) {
        trim(errors, now);
        int total = times.size();
        double ratio = total == 0 ? 0 : (double) errors.size() / total;
        return total >= minEvents && ratio > maxErrorRatio
            ? String.format(java.util.Locale.ROOT, "error rate %.1f%% (%d of %d lines) over %s",
                ratio * 100, errors.size(), total, window) : null;
      }
    };
  }

  /** Fires when at least {@code threshold} lines matching {@code regex} were logged in {@code window}. */
  public static TelemetryRule patternCount(String name, String regex, Duration window, int threshold) {
    Pattern pattern = Pattern.compile(regex);
    return new Windowed(name, window) {
      @Override
      boolean counts(TailLine line) {
        return pattern.matcher(line.message()).find();
      }

      @Override
      String check(Instant now) {
        return times.size() >= threshold
            ? times.size() + " lines matching /" + regex + "/ in " + window : null;
      }
    };
  }

  /**
   * Fires when no line of a logger starting with {@code loggerPrefix} was logged in the last
   * {@code window} (after the rule has existed for a whole window).
   */
  public static TelemetryRule absence(String name, String loggerPrefix, Duration window) {
    requireNonNull(loggerPrefix, "loggerPrefix");
    return new Windowed(name, window) {
      private Instant since;

      @Override
      boolean counts(TailLine line) {
        return line.logger().startsWith(loggerPrefix);
      }

      @Override
      String check(Instant now) {
        if (since == null) {
          since = now;
        }
        return times.isEmpty() && !now.isBefore(since.plus(window))
            ? "no logs from " + (loggerPrefix.isEmpty() ? "any logger" : loggerPrefix) + " for "
                + window : null;
      }
    };
  }

  /** Keeps the event times of counted lines within the window. */
  abstract static class Windowed implements TelemetryRule {
    final String name;
    final Duration window;
    final ArrayDeque<Long> times = new ArrayDeque<>();

    Windowed(String name, Duration window) {
      this.name = requireNonNull(name, "name");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive, got " + window);
      }
      this.window = window;
    }

    @Override
    public String name() {
      return name;
    }

    boolean counts(TailLine line) {
      return true;
    }

    void onLine(TailLine line) {}

    @Override
    public void accept(TailLine line) {
      if (counts(line)) {
        times.add(line.epochNanos());
        onLine(line);
      }
    }

    @Override
    public String evaluate(Instant now) {
      trim(times, now);
      return check(now);
    }

    abstract String check(Instant now);

    void trim(ArrayDeque<Long> q, Instant now) {
      long from = (now.getEpochSecond() - window.getSeconds()) * 1_000_000_000L
          + now.getNano() - window.getNano();
      while (!q.isEmpty() && q.peekFirst() <= from) {
        q.pollFirst();
      }
    }
  }
}
