package dev.obskit.core.store;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default store: given repositories only, keys kept in memory for the process's life. */
final class InMemoryStore implements Store, StoredKeys {
  private final Map<Class<?>, Object> repositories;
  private final ConcurrentHashMap<String, byte[]> keys = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  InMemoryStore(Map<Class<?>, ?> repositories) {
    Objects.requireNonNull(repositories, "repositories");
    repositories.forEach((type, repository) -> {
      if (!type.isInstance(repository)) {
        throw new IllegalArgumentException(repository.getClass().getName() + " does not implement "
            + type.getName());
      }
    });
    this.repositories = Map.copyOf(repositories);
  }

  @Override
  public <R> Optional<R> repository(Class<R> type) {
    return Optional.ofNullable(type.cast(repositories.get(type)));
  }

  @Override
  public StoredKeys keys() {
    return this;
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public byte[] getOrCreate(String name, int length) {
    KeyChecks.check(name, length);
    return keys.computeIfAbsent(name, n -> {
      byte[] key = new byte[length];
      random.nextBytes(key);
      return key;
    }).clone();
  }

  @Override
  public String toString() {
    return "in-memory store";
  }
}
