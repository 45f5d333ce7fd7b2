package dev.obskit.telemetry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process-wide lookup of running pipelines by name, so appenders created by logback.xml or
 * log4j2.xml ({@code <pipeline>default</pipeline>}) can write into a pipeline that an
 * {@code ObsKit} {@link TelemetryModule} started. Thread-safe.
 */
public final class TelemetryRegistry {
  private static final Map<String, Telemetry> RUNNING = new ConcurrentHashMap<>();

  private TelemetryRegistry() {}

  /** Registers {@code telemetry} under its name; throws if another is registered there. */
  public static void register(Telemetry telemetry) {
    Telemetry previous = RUNNING.putIfAbsent(telemetry.name(), telemetry);
    if (previous != null && previous != telemetry) {
      throw new IllegalStateException("a telemetry pipeline named '" + telemetry.name()
          + "' is already running");
    }
  }

  /** Removes {@code telemetry} if it is the one registered under its name. */
  public static void unregister(Telemetry telemetry) {
    RUNNING.remove(telemetry.name(), telemetry);
  }

  /** Returns the running pipeline called {@code name}. */
  public static Optional<Telemetry> find(String name) {
    return Optional.ofNullable(RUNNING.get(name));
  }
}
