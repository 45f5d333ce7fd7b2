package dev.obskit.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObsKitRouterTest {

  private static ObsKit kit(Map<String, String> config) {
    return ObsKit.builder().setConfig(ConfigProperties.of(config))
        .addModule(ctx -> {
          ctx.routes().add(RouteGroup.of("ping", Route.get("/ping", r -> HttpResponse.text("UP"))));
          ctx.routes().add(RouteGroup.of("api", Route.get("/api/x", r ->
              HttpResponse.text(r.remoteAddress().getHostAddress()))));
          return () -> "m";
        }).build().start();
  }

  @Test
  void router_servesRegisteredGroups_andConfigSwitchesOneOff() {
    try (ObsKit kit = kit(Map.of("obs.http.api.enabled", "false"))) {
      assertThat(kit.router().dispatch(FakeIncomingRequest.of("GET", "/ping")).bodyText()).isEqualTo("UP");
      assertThat(kit.router().dispatch(FakeIncomingRequest.of("GET", "/api/x")).status()).isEqualTo(404);
    }
  }

  @Test
  void router_trustedProxiesFromConfig_areHonoured() throws Exception {
    try (ObsKit kit = kit(Map.of("obs.http.trusted-proxies", "127.0.0.1"))) {
      assertThat(kit.router().dispatch(FakeIncomingRequest.of("GET", "/api/x")
          .header("X-Forwarded-For", "198.51.100.4")).bodyText()).isEqualTo("198.51.100.4");
    }
  }

  @Test
  void health_reportsEachModule_andWorstStatus_503WhenOneIsDown() {
    dev.obskit.core.ObsModule degraded = new dev.obskit.core.ObsModule() {
      @Override
      public String name() {
        return "uptime";
      }

      @Override
      public dev.obskit.core.health.Health health() {
        return dev.obskit.core.health.Health.builder().degraded("probe queue full").detail("backlog", 12).build();
      }
    };
    dev.obskit.core.ObsModule broken = new dev.obskit.core.ObsModule() {
      @Override
      public String name() {
        return "store";
      }

      @Override
      public dev.obskit.core.health.Health health() {
        throw new IllegalStateException("jdbc:postgresql://db/secret");
      }
    };
    try (ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> degraded).build().start()) {
      HttpResponse r = kit.router().dispatch(FakeIncomingRequest.of("GET", "/health"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyText()).isEqualTo("{\"modules\":{\"uptime\":{\"status\":\"DEGRADED\","
          + "\"reasons\":[\"probe queue full\"],\"details\":{\"backlog\":12}}},\"status\":\"DEGRADED\"}");
    }
    try (ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of()))
        .addModule(ctx -> degraded).addModule(ctx -> broken).build().start()) {
      HttpResponse r = kit.router().dispatch(FakeIncomingRequest.of("GET", "/health"));
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.bodyText()).contains("\"store\":{\"status\":\"DOWN\",\"reasons\":[\"health check failed\"]")
          .doesNotContain("postgresql").endsWith("\"status\":\"DOWN\"}");
    }
  }
}
