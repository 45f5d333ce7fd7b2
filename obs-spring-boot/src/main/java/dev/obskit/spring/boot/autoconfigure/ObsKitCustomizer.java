package dev.obskit.spring.boot.autoconfigure;

import dev.obskit.core.ObsKitBuilder;

/**
 * Adjusts the {@link ObsKitBuilder} before the auto-configured kit is built (clock, event bus,
 * scrubber, extra modules). Beans of this type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface ObsKitCustomizer {
  /** Customizes {@code builder}; called once, on the thread that creates the kit bean. */
  void customize(ObsKitBuilder builder);
}
