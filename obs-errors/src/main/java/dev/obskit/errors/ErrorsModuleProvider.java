package dev.obskit.errors;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ObsModuleProvider;

/**
 * Creates the errors module from {@code obs.errors.*} properties for hosts that enable modules
 * through {@link java.util.ServiceLoader}; see {@link ErrorsProperties}.
 */
public final class ErrorsModuleProvider implements ObsModuleProvider {
  @Override
  public String getName() {
    return "errors";
  }

  @Override
  public ObsModule create(ObsContext context) {
    return ErrorsModule.create(context, ErrorsProperties.read(context.config()));
  }
}
