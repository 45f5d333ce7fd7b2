package dev.obskit.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.PageRequest;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.uptime.UptimeModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample as a user runs it: only the starter and application.yml, a real Tomcat on a random
 * port, the durable log buffer on (the JVM flags come from the surefire argLine here, from the
 * jar's manifest under java -jar).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "shop.reindex.initial-delay=0s")
class ShopApplicationSmokeTests {
  private static final TeamId SHOP = TeamId.of("shop");
  static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    dataDir = Files.createTempDirectory("shop-data");
    registry.add("obs.data-dir", dataDir::toString);
  }

  @LocalServerPort
  int port;
  @Autowired
  ObsKit kit;
  @Autowired
  ErrorTracker tracker;
  @Autowired
  Chaos chaos;

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shopServes_andObsKitWatchesIt() throws Exception {
    assertThat(get("/api/products").statusCode()).isEqualTo(200);
    // Monitors from classpath:monitors.yaml, with this run's port resolved into their URLs.
    UptimeModule uptime = kit.module(UptimeModule.class);
    assertThat(uptime.monitor(MonitorId.of("shop-checkout"))).hasValueSatisfying(m ->
        assertThat(m.spec().toString()).contains("127.0.0.1:" + port + "/api/checkout/mug-01"));
    assertThat(uptime.heartbeats().list()).extracting(h -> h.id().value()).contains("shop-reindex");
    // oncall.yaml was applied: the escalation policy exists.
    assertThat(kit.module(IncidentsModule.class).policies()
        .find(SHOP, EscalationPolicyId.of("shop-oncall"))).isPresent();
  }

  @Test
  void brokenCheckout_isCapturedAsOneIssue() throws Exception {
    chaos.breakFor(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      assertThat(get("/api/checkout/mug-01").statusCode()).isEqualTo(500);
    }
    chaos.breakFor(Duration.ZERO);
    tracker.flush(Duration.ofSeconds(5));
    var issues = kit.module(ErrorsModule.class).issues()
        .list(SHOP, ProjectId.of("shop"), PageRequest.first(10)).items();
    assertThat(issues).filteredOn(i -> i.title().contains("PaymentGatewayException"))
        .singleElement().satisfies(i -> assertThat(i.count()).isGreaterThanOrEqualTo(3));
  }

  @Test
  void actuator_showsObsKit() throws Exception {
    assertThat(get("/actuator/health/obskit").body()).contains("\"telemetry\"").contains("\"uptime\"");
    assertThat(get("/actuator/obskit").body()).contains("shop-checkout");
  }
}
