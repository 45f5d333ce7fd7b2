package dev.obskit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryStoreKeysTest {
  private final StoredKeys keys = Store.inMemory().keys();

  @Test
  void getOrCreate_sameName_returnsSameBytesAndACopy() {
    byte[] first = keys.getOrCreate("incidents.link-secret", 32);
    first[0] ^= 1;

    byte[] second = keys.getOrCreate("incidents.link-secret", 32);

    assertThat(second).hasSize(32);
    assertThat(second[0]).isNotEqualTo(first[0]);
    assertThat(keys.getOrCreate("incidents.link-secret", 32)).isEqualTo(second);
  }

  @Test
  void getOrCreate_laterCallWithOtherLength_keepsTheStoredKey() {
    byte[] first = keys.getOrCreate("k", 16);

    assertThat(keys.getOrCreate("k", 64)).isEqualTo(first);
  }

  @Test
  void getOrCreate_differentNames_giveDifferentKeys() {
    assertThat(keys.getOrCreate("a", 32)).isNotEqualTo(keys.getOrCreate("b", 32));
  }

  @Test
  void getOrCreate_racingCallers_allGetTheOneKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<byte[]>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> keys.getOrCreate("raced", 32));
      }
      Set<String> distinct = new HashSet<>();
      for (Future<byte[]> f : pool.invokeAll(calls)) {
        distinct.add(java.util.HexFormat.of().formatHex(f.get()));
      }
      assertThat(distinct).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void inMemoryWithRepositories_handsOutExactlyThose() {
    Runnable repo = () -> {};
    Store store = Store.inMemory(java.util.Map.of(Runnable.class, repo));

    assertThat(store.repository(Runnable.class)).containsSame(repo);
    assertThat(store.repository(Callable.class)).isEmpty();
    assertThat(store.durable()).isFalse();
  }

  @Test
  void inMemoryWithRepositories_valueNotImplementingItsType_throwsNamingIt() {
    assertThatThrownBy(() -> Store.inMemory(java.util.Map.of(Runnable.class, "text")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String does not implement java.lang.Runnable");
  }

  @Test
  void getOrCreate_badNameOrLength_throwsNamingIt() {
    assertThatThrownBy(() -> keys.getOrCreate("bad name", 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
    assertThatThrownBy(() -> keys.getOrCreate("k", 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 8");
    assertThatThrownBy(() -> keys.getOrCreate("k", 4096))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 4096");
    assertThatThrownBy(() -> keys.getOrCreate(null, 32)).isInstanceOf(NullPointerException.class);
  }
}
