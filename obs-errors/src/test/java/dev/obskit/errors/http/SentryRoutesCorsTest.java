package dev.obskit.errors.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.IncomingRequest;
import dev.obskit.core.http.Router;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryRoutesCorsTest {

  private static IncomingRequest request(String method, String path, String origin, String body) {
    Map<String, List<String>> headers = Map.of("origin", List.of(origin),
        "x-sentry-auth", List.of("Sentry sentry_key=" + TestKits.KEY + ", sentry_version=7"));
    return new IncomingRequest() {
      @Override public String method() { return method; }
      @Override public String rawPath() { return path; }
      @Override public String rawQuery() { return null; }
      @Override public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
      }
      @Override public InputStream body() {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
      }
      @Override public InetAddress peerAddress() { return InetAddress.getLoopbackAddress(); }
      @Override public URI baseUrl() { return URI.create("http://127.0.0.1"); }
    };
  }

  @Test
  void cors_allowedOrigin_getsPreflightAndExposedHeaders_unknownOriginGetsNone() {
    try (var kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build())) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      Router router = Router.builder()
          .add(SentryRoutes.group(errors.ingestHandler(), List.of("https://shop.example"))).build();
      HttpResponse pre = router.dispatch(request("OPTIONS", "/api/42/envelope/", "https://shop.example", ""));
      assertThat(pre.status()).isEqualTo(200);
      assertThat(pre.header("Access-Control-Allow-Origin")).contains("https://shop.example");
      assertThat(pre.header("Access-Control-Allow-Headers").orElseThrow()).contains("x-sentry-auth");
      String body = "{\"message\":\"from the browser\"}";
      HttpResponse ok = router.dispatch(request("POST", "/api/42/store/", "https://shop.example", body));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("Access-Control-Expose-Headers").orElseThrow()).contains("x-sentry-rate-limits");
      HttpResponse evil = router.dispatch(request("POST", "/api/42/store/", "https://evil.example", body));
      assertThat(evil.header("Access-Control-Allow-Origin")).isEmpty();
      assertThat(router.dispatch(request("OPTIONS", "/api/42/store/", "https://evil.example", ""))
          .status()).isEqualTo(403);
    }
  }
}
