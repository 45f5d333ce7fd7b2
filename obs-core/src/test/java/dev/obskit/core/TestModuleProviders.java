package dev.obskit.core;

/** ServiceLoader providers listed in src/test/resources/META-INF/services. */
public final class TestModuleProviders {
  private TestModuleProviders() {}

  /** A module that only has a name. */
  record NamedModule(String name) implements ObsModule {}

  /** Listed first in the services file but ordered last. */
  public static final class Late implements ObsModuleProvider {
    @Override
    public String getName() {
      return "late";
    }

    @Override
    public int order() {
      return 200;
    }

    @Override
    public ObsModule create(ObsContext context) {
      return new NamedModule("late");
    }
  }

  /** Ordered first. */
  public static final class Early implements ObsModuleProvider {
    @Override
    public String getName() {
      return "early";
    }

    @Override
    public int order() {
      return 10;
    }

    @Override
    public ObsModule create(ObsContext context) {
      return new NamedModule("early");
    }
  }

  /** Default order. */
  public static final class Plain implements ObsModuleProvider {
    @Override
    public String getName() {
      return "plain";
    }

    @Override
    public ObsModule create(ObsContext context) {
      return new NamedModule("plain-" + context.config().getString("obs.plain.suffix", "x"));
    }
  }
}
