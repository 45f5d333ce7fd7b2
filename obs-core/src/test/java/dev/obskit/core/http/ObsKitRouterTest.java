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
          ctx.routes().add(RouteGroup.of("health", Route.get("/health", r -> HttpResponse.text("UP"))));
          ctx.routes().add(RouteGroup.of("api", Route.get("/api/x", r ->
              HttpResponse.text(r.remoteAddress().getHostAddress()))));
          return () -> "m";
        }).build().start();
  }

  @Test
  void router_servesRegisteredGroups_andConfigSwitchesOneOff() {
    try (ObsKit kit = kit(Map.of("obs.http.api.enabled", "false"))) {
      assertThat(kit.router().dispatch(FakeIncomingRequest.of("GET", "/health")).bodyText()).isEqualTo("UP");
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
}
