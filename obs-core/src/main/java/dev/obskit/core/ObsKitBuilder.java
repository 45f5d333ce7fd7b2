package dev.obskit.core;

import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.config.Checks;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.event.EventBus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

/** Builds an {@link ObsKit}. Not thread-safe. */
public final class ObsKitBuilder {
  /** Default total time {@link ObsKit#close()} may take. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private Clock clock = Clock.systemUTC();
  private EventBus eventBus;
  private IdGenerator ids;
  private ConfigProperties config;
  private PiiScrubber scrubber = PiiScrubber.defaults();
  private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  private Store store;
  private boolean serviceLoaderModules;
  private dev.obskit.core.http.HttpServerConfig httpServer;
  private final List<ObsModuleFactory> factories = new ArrayList<>();

  ObsKitBuilder() {}

  /** Sets the clock every module reads; default the system UTC clock. */
  public ObsKitBuilder setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Sets the event bus; default a synchronous bus that the kit closes on shutdown. */
  public ObsKitBuilder setEventBus(EventBus eventBus) {
    this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
    return this;
  }

  /** Sets id generation; default time-ordered random ids from the kit's clock. */
  public ObsKitBuilder setIdGenerator(IdGenerator ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
    return this;
  }

  /** Sets the configuration view; default {@link ConfigProperties#fromEnvironment()}. */
  public ObsKitBuilder setConfig(ConfigProperties config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** Sets the PII scrubber; default {@link PiiScrubber#defaults()}. */
  public ObsKitBuilder setScrubber(PiiScrubber scrubber) {
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    return this;
  }

  /**
   * Sets the store every module takes its repositories and generated keys from; default {@link
   * Store#inMemory()}. The kit opens it in {@link #build()} before it creates the modules, and
   * closes it after the modules stopped.
   */
  public ObsKitBuilder setStore(Store store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /** Sets the total shutdown deadline, from 1 ms to 10 minutes. */
  public ObsKitBuilder setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = Checks.durationBetween("shutdownTimeout", shutdownTimeout,
        Duration.ofMillis(1), Duration.ofMinutes(10));
    return this;
  }

  /**
   * Makes {@link ObsKit#start()} also start the embedded HTTP server over the modules' routes,
   * stopped with the kit; see {@link ObsKit#serve(HttpServerConfig)}.
   */
  public ObsKitBuilder setHttpServer(dev.obskit.core.http.HttpServerConfig config) {
    this.httpServer = Objects.requireNonNull(config, "config");
    return this;
  }

  /** Adds a module; modules start in the order added and stop in reverse. */
  public ObsKitBuilder addModule(ObsModuleFactory factory) {
    factories.add(Objects.requireNonNull(factory, "factory"));
    return this;
  }

  /**
   * Also adds every {@link ObsModuleProvider} on the class path whose {@code obs.<name>.enabled}
   * is not {@code false}, after the modules added in code, ordered by {@link
   * ObsModuleProvider#order()}.
   */
  public ObsKitBuilder addServiceLoaderModules() {
    this.serviceLoaderModules = true;
    return this;
  }

  /**
   * Opens the store, then creates the context and the modules (not yet started). If the store
   * cannot open, its {@link dev.obskit.core.store.StoreException} is thrown; if a module factory
   * throws, the store is closed again before the exception propagates.
   */
  public ObsKit build() {
    ConfigProperties cfg = config != null ? config : ConfigProperties.fromEnvironment();
    Store kitStore = store != null ? store : Store.inMemory();
    kitStore.open();
    try {
      return build(cfg, kitStore);
    } catch (RuntimeException | Error e) {
      kitStore.close();
      throw e;
    }
  }

  private ObsKit build(ConfigProperties cfg, Store kitStore) {
    boolean ownsBus = eventBus == null;
    EventBus bus = ownsBus ? EventBus.synchronous() : eventBus;
    IdGenerator idGen = ids != null ? ids : IdGenerator.timeOrdered(clock);
    AlertManager alerts = AlertManager.inMemory(clock, bus, idGen);
    ObsContext context = new ObsContext(clock, bus, alerts, idGen, cfg, scrubber, kitStore);
    List<ObsModule> modules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ObsModuleFactory factory : allFactories(cfg)) {
      ObsModule module = Objects.requireNonNull(factory.create(context), "module factory returned null");
      if (!names.add(module.name())) {
        throw new IllegalStateException("two modules are named '" + module.name() + "'");
      }
      modules.add(module);
    }
    ObsKit kit = new ObsKit(context, modules, shutdownTimeout, ownsBus);
    kit.httpServerConfig = httpServer;
    return kit;
  }

  private List<ObsModuleFactory> allFactories(ConfigProperties cfg) {
    List<ObsModuleFactory> all = new ArrayList<>(factories);
    if (serviceLoaderModules) {
      List<ObsModuleProvider> providers = new ArrayList<>();
      ServiceLoader.load(ObsModuleProvider.class).forEach(providers::add);
      providers.sort(Comparator.comparingInt(ObsModuleProvider::order));
      for (ObsModuleProvider p : providers) {
        if (cfg.getBoolean("obs." + p.getName() + ".enabled", true)) {
          all.add(p::create);
        }
      }
    }
    return all;
  }
}
