package dev.obskit.core.usage;

import dev.obskit.core.event.EventBus;
import java.util.Objects;

/**
 * Where modules report usage. The default publishes {@link UsageEvent}s on the event bus, which
 * obs-billing meters when it is present and nobody sees when it is not. Never throws into the
 * reporting module; thread-safe.
 */
@FunctionalInterface
public interface UsageReporter {
  /** Reports one usage event. */
  void report(UsageEvent event);

  /** Returns a reporter that publishes on {@code bus}. */
  static UsageReporter publishing(EventBus bus) {
    Objects.requireNonNull(bus, "bus");
    return bus::publish;
  }

  /** Returns a reporter that discards everything. */
  static UsageReporter noop() {
    return event -> { };
  }
}
