package dev.obskit.uptime;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsModuleProvider;

/**
 * Creates the uptime module from {@code obs.uptime.*} properties for hosts that enable modules
 * through {@link java.util.ServiceLoader}; see {@link UptimeConfig#fromProperties}.
 */
public final class UptimeModuleProvider implements ObsModuleProvider {
  @Override
  public String getName() {
    return "uptime";
  }

  @Override
  public ObsModule create(ObsContext context) {
    return UptimeModule.create(context, UptimeConfig.fromProperties(context.config()));
  }
}
