package dev.obskit.spring.boot.autoconfigure;

import dev.obskit.core.ObsModuleFactory;
import java.util.Objects;

/**
 * One module for the auto-configured kit. Each feature's auto-configuration contributes one,
 * under a bean name a host can replace ({@code obsErrorsModule}, {@code obsTelemetryModule}, ...);
 * a host may add its own. Modules start in {@link #order()} and stop in reverse.
 *
 * @param name the module's configuration name, for messages
 * @param order lower starts first
 * @param factory creates the module from the kit's context
 */
public record ObsModuleRegistration(String name, int order, ObsModuleFactory factory) {
  /** Telemetry starts first so that the other modules' startup is shipped. */
  public static final int TELEMETRY = 100;
  /** Billing starts before the modules whose usage it meters. */
  public static final int BILLING = 200;
  /** Incidents subscribes to alerts before the modules that raise them start. */
  public static final int INCIDENTS = 250;
  /** Error tracking. */
  public static final int ERRORS = 300;
  /** Uptime checks, whose alerts open incidents. */
  public static final int UPTIME = 500;
  /** Status pages read uptime's availability. */
  public static final int STATUS_PAGES = 600;

  public ObsModuleRegistration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
  }
}
