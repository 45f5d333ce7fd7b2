package dev.obskit.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsModule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KitHealthTest {

  private static ObsModule module(String name, Health health) {
    return new ObsModule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Health health() {
        return health;
      }
    };
  }

  private static ObsModule throwing(String name) {
    return new ObsModule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Health health() {
        throw new IllegalStateException("secret detail");
      }
    };
  }

  @Test
  void builder_statusIsTheWorstOfItsReasons() {
    Health h = Health.builder().degraded("backlog 1200").down("store unreachable")
        .degraded("slow").detail("backlog", 1200).build();
    assertThat(h.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(h.reasons()).containsExactly("backlog 1200", "store unreachable", "slow");
    assertThat(h.details()).containsEntry("backlog", 1200);
    assertThat(Health.up().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void health_beforeStart_isDownNotStarted() {
    ObsKit kit = ObsKit.builder().addModule(ctx -> module("a", Health.up())).build();
    assertThat(kit.health().get("a").status()).isEqualTo(HealthStatus.DOWN);
    assertThat(kit.health().get("a").reasons()).containsExactly("not started");
  }

  @Test
  void health_running_reportsEachModuleInStartOrder_andHidesExceptionMessages() {
    Health degraded = Health.builder().degraded("sink failing").build();
    try (ObsKit kit = ObsKit.builder()
        .addModule(ctx -> module("b", degraded))
        .addModule(ctx -> throwing("a"))
        .addModule(ctx -> module("c", null))
        .build().start()) {
      Map<String, Health> health = kit.health();
      assertThat(health.keySet()).containsExactly("b", "a", "c");
      assertThat(health.get("b")).isEqualTo(degraded);
      assertThat(health.get("a").status()).isEqualTo(HealthStatus.DOWN);
      assertThat(health.get("a").reasons()).containsExactly("health check failed: IllegalStateException");
      assertThat(health.get("c").status()).isEqualTo(HealthStatus.DOWN);
    }
  }

  @Test
  void health_afterShutdown_isDownStopped() {
    ObsKit kit = ObsKit.builder().addModule(ctx -> module("a", Health.up())).build().start();
    kit.close();
    assertThat(kit.health().get("a").reasons()).containsExactly("stopped");
  }
}
