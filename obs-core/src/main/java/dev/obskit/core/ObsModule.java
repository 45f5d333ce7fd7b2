package dev.obskit.core;

import java.time.Duration;

/**
 * A feature module owned by an {@link ObsKit}: uptime, incidents, errors, telemetry, billing, or a
 * host's own. The kit starts modules in the order they were added and shuts them down in reverse.
 *
 * <p>{@link #start} may block briefly (open files, bind listeners) and throws to refuse to start
 * with a clear message. {@link #shutdown} should finish within {@code timeout}; the kit also
 * enforces the deadline from outside, abandoning a module that overruns it.
 */
public interface ObsModule {

  /** Returns the module's short name, e.g. {@code "uptime"}; unique within a kit. */
  String name();

  /** Starts background work. Called once. */
  default void start() {}

  /** Flushes and stops background work within {@code timeout}. Called once, after start. */
  default void shutdown(Duration timeout) {}

  /**
   * Returns the module's health now: what the health route and Actuator show. Must be cheap
   * (read counters, never do I/O or block) and never throw; the default is UP.
   */
  default dev.obskit.core.health.Health health() {
    return dev.obskit.core.health.Health.up();
  }
}
