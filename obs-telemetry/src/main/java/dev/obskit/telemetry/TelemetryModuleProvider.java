package dev.obskit.telemetry;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsModuleProvider;

/**
 * ServiceLoader entry for hosts that enable modules by configuration
 * ({@code ObsKitBuilder.addServiceLoaderModules()}); reads {@code obs.telemetry.*}. Starts early
 * (order 10) so the other modules' own logs already have somewhere durable to go.
 */
public final class TelemetryModuleProvider implements ObsModuleProvider {
  @Override
  public String getName() {
    return "telemetry";
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public ObsModule create(ObsContext context) {
    return TelemetryModule.create(context);
  }
}
