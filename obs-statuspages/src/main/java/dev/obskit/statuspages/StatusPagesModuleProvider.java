package dev.obskit.statuspages;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsModuleProvider;

/**
 * Creates the status pages module from {@code obs.statuspages.*} properties for hosts that enable
 * modules through {@link java.util.ServiceLoader}; see {@link StatusPagesConfig#fromProperties}.
 * Runs after the modules it reads (uptime) and before billing is asked for add-ons.
 */
public final class StatusPagesModuleProvider implements ObsModuleProvider {
  @Override
  public String getName() {
    return "statuspages";
  }

  @Override
  public int order() {
    return 150;
  }

  @Override
  public ObsModule create(ObsContext context) {
    return StatusPagesModule.create(context, StatusPagesConfig.fromProperties(context.config()));
  }
}
