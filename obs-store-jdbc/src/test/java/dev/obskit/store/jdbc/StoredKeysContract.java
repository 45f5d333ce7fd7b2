package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.store.StoredKeys;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract of the store's {@link StoredKeys}, run on memory, H2 and PostgreSQL. */
abstract class StoredKeysContract extends ContractBase {
  @Test
  void getOrCreate_firstCallerWins_laterCallsReturnTheSameBytes() {
    StoredKeys keys = store.keys();
    String name = "k." + UUID.randomUUID();
    byte[] first = keys.getOrCreate(name, 32);

    assertThat(first).hasSize(32);
    assertThat(keys.getOrCreate(name, 64)).isEqualTo(first);
    assertThat(keys.getOrCreate(name + ".other", 32)).isNotEqualTo(first);
    assertThatThrownBy(() -> keys.getOrCreate("bad name", 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.getOrCreate(name, 8)).isInstanceOf(IllegalArgumentException.class);
  }
}
