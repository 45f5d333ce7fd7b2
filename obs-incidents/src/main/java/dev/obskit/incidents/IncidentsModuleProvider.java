package dev.obskit.incidents;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsModuleProvider;

/**
 * Lets {@code ObsKitBuilder.addServiceLoaderModules()} add the incidents module from {@code
 * obs.incidents.*} configuration; disabled with {@code obs.incidents.enabled=false}.
 */
public final class IncidentsModuleProvider implements ObsModuleProvider {
  @Override
  public String getName() {
    return IncidentsModule.NAME;
  }

  /** Starts before the alert producers (default order 100), so it is subscribed before their first alert. */
  @Override
  public int order() {
    return 50;
  }

  @Override
  public ObsModule create(ObsContext context) {
    return IncidentsModule.create(context);
  }
}
