package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.store.Store;
import dev.obskit.core.store.StoreException;
import dev.obskit.core.store.StoredKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObsKitStoreTest {
  interface ThingRepository {
    String kind();
  }

  interface OtherRepository {}

  /** A store that has only a ThingRepository and records its lifecycle. */
  static final class RecordingStore implements Store {
    final List<String> calls = new ArrayList<>();
    final ThingRepository things = () -> "stored";
    final boolean durable;
    final RuntimeException openFailure;

    RecordingStore(boolean durable, RuntimeException openFailure) {
      this.durable = durable;
      this.openFailure = openFailure;
    }

    @Override
    public <R> Optional<R> repository(Class<R> type) {
      return type == ThingRepository.class ? Optional.of(type.cast(things)) : Optional.empty();
    }

    @Override
    public StoredKeys keys() {
      return Store.inMemory().keys();
    }

    @Override
    public boolean durable() {
      return durable;
    }

    @Override
    public void open() {
      calls.add("open");
      if (openFailure != null) {
        throw openFailure;
      }
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  private static ObsKitBuilder builder() {
    return ObsKit.builder().setConfig(ConfigProperties.of(Map.of()));
  }

  @Test
  void repository_whenStoreHasIt_returnsTheStoresAndNeverCallsTheFallback() {
    RecordingStore store = new RecordingStore(true, null);
    ObsContext ctx = builder().setStore(store).build().context();

    ThingRepository repo = ctx.repository(ThingRepository.class, () -> {
      throw new AssertionError("the fallback must not run when the store has the repository");
    });

    assertThat(repo).isSameAs(store.things);
    assertThat(ctx.store()).isSameAs(store);
  }

  @Test
  void repository_whenStoreLacksIt_usesFallbackOnceAndSharesItAcrossModules() {
    ObsContext ctx = builder().build().context();
    AtomicInteger created = new AtomicInteger();

    ThingRepository first = ctx.repository(ThingRepository.class, () -> {
      created.incrementAndGet();
      return () -> "memory";
    });
    ThingRepository second = ctx.repository(ThingRepository.class, () -> () -> "other");

    assertThat(first.kind()).isEqualTo("memory");
    assertThat(second).isSameAs(first);
    assertThat(created).hasValue(1);
  }

  @Test
  void repository_fallbackReturningNull_throwsNamingTheType() {
    ObsContext ctx = builder().build().context();

    assertThatThrownBy(() -> ctx.repository(OtherRepository.class, () -> null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("OtherRepository");
  }

  @Test
  void defaultStore_isInMemoryAndNotDurable() {
    ObsContext ctx = builder().build().context();

    assertThat(ctx.store().durable()).isFalse();
    assertThat(ctx.store().repository(ThingRepository.class)).isEmpty();
  }

  @Test
  void build_opensStoreBeforeModulesAndShutdownClosesItAfterThem() {
    RecordingStore store = new RecordingStore(true, null);
    ObsKit kit = builder().setStore(store).addModule(ctx -> new ObsModule() {
      @Override
      public String name() {
        return "m";
      }

      @Override
      public void start() {
        store.calls.add("module start");
      }

      @Override
      public void shutdown(Duration timeout) {
        store.calls.add("module stop");
      }
    }).build();
    store.calls.add("built");

    kit.start();
    kit.close();
    kit.close();

    assertThat(store.calls).containsExactly("open", "built", "module start", "module stop", "close");
  }

  @Test
  void build_whenStoreCannotOpen_throwsTheStoresErrorAndCreatesNoModule() {
    RecordingStore store = new RecordingStore(true, new StoreException("cannot reach jdbc:x"));
    AtomicInteger modulesCreated = new AtomicInteger();

    assertThatThrownBy(() -> builder().setStore(store).addModule(ctx -> {
      modulesCreated.incrementAndGet();
      throw new AssertionError("no module may be created");
    }).build()).isInstanceOf(StoreException.class).hasMessage("cannot reach jdbc:x");
    assertThat(modulesCreated).hasValue(0);
  }

  @Test
  void build_whenModuleFactoryThrows_closesTheStore() {
    RecordingStore store = new RecordingStore(true, null);

    assertThatThrownBy(() -> builder().setStore(store).addModule(ctx -> {
      throw new IllegalStateException("bad module");
    }).build()).hasMessage("bad module");
    assertThat(store.calls).containsExactly("open", "close");
  }

  @Test
  void setStore_null_throwsNamingIt() {
    assertThatThrownBy(() -> builder().setStore(null)).hasMessage("store");
  }
}
