package dev.obskit.core.store;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default store: no repositories of its own, keys kept in memory for the process's life. */
final class InMemoryStore implements Store, StoredKeys {
  private final ConcurrentHashMap<String, byte[]> keys = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  @Override
  public <R> Optional<R> repository(Class<R> type) {
    return Optional.empty();
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
