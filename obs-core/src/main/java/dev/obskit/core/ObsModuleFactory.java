package dev.obskit.core;

/** Creates a module from the kit's shared context. Used with {@link ObsKitBuilder#addModule}. */
@FunctionalInterface
public interface ObsModuleFactory {
  /** Creates the module; may register services in {@code context} for later modules. */
  ObsModule create(ObsContext context);
}
