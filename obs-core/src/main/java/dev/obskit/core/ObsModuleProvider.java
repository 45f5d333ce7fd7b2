package dev.obskit.core;

/**
 * A module found through {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.obskit.core.ObsModuleProvider}), for hosts that enable modules by
 * configuration instead of code. A provider is used when {@code obs.<name>.enabled} is not
 * {@code false}.
 */
public interface ObsModuleProvider {
  /** Returns the module name that configuration keys use, e.g. {@code "telemetry"}. */
  String getName();

  /** Returns the relative start order; lower starts first. Default 100. */
  default int order() {
    return 100;
  }

  /** Creates the module, reading its settings from {@code context.config()}. */
  ObsModule create(ObsContext context);
}
