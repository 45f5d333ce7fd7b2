package dev.obskit.billing;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsModuleProvider;

/**
 * Creates the billing module from {@code obs.billing.*} properties for hosts that enable modules
 * through {@link java.util.ServiceLoader}; see {@link BillingProperties}.
 */
public final class BillingModuleProvider implements ObsModuleProvider {
  @Override
  public String getName() {
    return "billing";
  }

  /** Billing starts before the modules whose usage it meters. */
  @Override
  public int order() {
    return 50;
  }

  @Override
  public ObsModule create(ObsContext context) {
    return BillingModule.create(context, BillingProperties.read(context.config()));
  }
}
