package dev.obskit.core.store;

import java.util.Map;
import java.util.Optional;

/**
 * Where every module of one {@code ObsKit} keeps its state. The host picks one store for the whole
 * kit ({@code ObsKit.builder().setStore(store)}); each module asks it for every repository it uses
 * by interface, and uses its own in-memory implementation only when the store has none ({@code
 * ObsContext.repository(type, fallback)}). The default, {@link #inMemory()}, has no repositories
 * of its own, so every module keeps its state in memory.
 *
 * <p>A module defines its repository interfaces in its own packages; a store module (for example
 * obs-store-jdbc) implements them. Modules never depend on a store module.
 *
 * <p>Lifecycle: the kit calls {@link #open()} once before it creates its modules (a store migrates
 * its schema and checks that it can reach its database there) and {@link #close()} after the last
 * module stopped. Implementations must be thread-safe.
 */
public interface Store extends AutoCloseable {
  /**
   * Returns this store's implementation of the repository interface {@code type}, if it has one.
   * Repeated calls for the same type return the same instance. Never throws for an unknown type.
   */
  <R> Optional<R> repository(Class<R> type);

  /** Returns the named secret keys ObsKit generates, kept as durably as the store's other state. */
  StoredKeys keys();

  /**
   * Returns whether what this store holds survives a restart of the host. When a durable store has
   * no implementation of a repository, the module falls back to memory and the kit logs a warning.
   */
  boolean durable();

  /**
   * Prepares the store (connects, migrates); called by the kit once before modules are created.
   * Throws {@link StoreException} with a message naming what failed (never a password). Default:
   * nothing to do.
   */
  default void open() {}

  /** Releases connections and files; called by the kit after its modules stopped. Never throws. */
  @Override
  default void close() {}

  /** Returns the default store: nothing durable, every module keeps its own in-memory state. */
  static Store inMemory() {
    return new InMemoryStore(Map.of());
  }

  /**
   * Returns a non-durable store that hands out the given repositories (each value must implement
   * its key) and nothing else, for hosts that plug in a few repositories of their own, and tests.
   *
   * @throws IllegalArgumentException naming the type if a value does not implement its key
   */
  static Store inMemory(Map<Class<?>, ?> repositories) {
    return new InMemoryStore(repositories);
  }
}
