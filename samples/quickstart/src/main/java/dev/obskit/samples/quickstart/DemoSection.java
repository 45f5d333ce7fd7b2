package dev.obskit.samples.quickstart;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import java.io.PrintStream;

/**
 * One module's part of the demo. Sections add their module to the kit before it is built, then run
 * their part of the story against the started kit, in a fixed order (see {@link QuickstartDemo}).
 */
interface DemoSection {
  /** Returns the heading printed before the section runs. */
  String title();

  /** Adds this section's module(s) to the kit being built. */
  default void addModules(ObsKitBuilder builder, DemoEnvironment env) {}

  /** Runs the section against the started kit. */
  void run(ObsKit kit, DemoEnvironment env, PrintStream out) throws Exception;
}
