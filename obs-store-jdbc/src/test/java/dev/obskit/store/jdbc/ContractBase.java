package dev.obskit.store.jdbc;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every repository contract test shares: one store of the subclass's {@link Backend} per
 * class, and a fresh team per test, so tests never see each other's rows. The in-memory backend
 * answers with the module's own in-memory repository, exactly as {@code ObsContext.repository}
 * does when a store has none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractBase {
  private final Map<Class<?>, Object> memory = new HashMap<>();
  private Path dir;
  Store store;

  abstract Backend backend();

  @BeforeAll
  void openStore() throws IOException {
    dir = Files.createTempDirectory("obs-store-contract");
    store = backend().open(dir);
  }

  @AfterAll
  void closeStore() throws IOException {
    backend().close(store);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Returns the store's repository, or (in memory) one made by {@code inMemory}, once per class. */
  <R> R repository(Class<R> type, Supplier<? extends R> inMemory) {
    return type.cast(memory.computeIfAbsent(type,
        t -> store.repository(type).<Object>map(r -> r).orElseGet(inMemory::get)));
  }

  static TeamId freshTeam() {
    return TeamId.of("team-" + UUID.randomUUID());
  }
}
