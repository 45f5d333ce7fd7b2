package dev.obskit.statuspages;

import static dev.obskit.statuspages.Fixture.API;
import static dev.obskit.statuspages.Fixture.API_MONITOR;
import static dev.obskit.statuspages.Fixture.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.config.ConfigProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Module wiring: alert events tick at once, properties, ServiceLoader, route group switch. */
class ModuleTest {
  @Test
  void anAlertEvent_opensTheAutomaticReportWithoutWaitingForATick() {
    try (Fixture f = new Fixture("2026-03-10T12:00:00Z", c -> c,
        p -> p.setAutomaticReports(StatusPage.AutomaticReports.PUBLISH))) {
      f.view.status.put(API_MONITOR, MonitorStatus.DOWN);
      f.kit.context().alerts().trigger(Alert.builder(Fixture.TEAM, "uptime:monitor:api-monitor")
          .setSummary("api down").build());
      assertThat(f.pages.reports(PAGE)).singleElement()
          .satisfies(r -> assertThat(r.affected()).containsKey(API));
    }
  }

  @Test
  void mountedUnderABasePath_linksRedirectsAndCookiesFollowIt() throws Exception {
    try (Fixture f = new Fixture("2026-03-10T12:00:00Z",
        c -> c.setPublicBaseUrl("https://ops.example.com/obskit/"), p -> p)) {
      f.pages.createPage(StatusPage.builder(StatusPageId.of("private"), Fixture.TEAM, "P",
          f.clock.instant()).setAccess(AccessPolicy.open().withPassword(
              dev.obskit.statuspages.access.PasswordHash.create("password123".toCharArray(),
                  1_000))).build());
      dev.obskit.core.http.EmbeddedHttpServer server = f.kit.serve(
          dev.obskit.core.http.HttpServerConfig.builder().port(0).basePath("/obskit").build());
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      String root = "http://127.0.0.1:" + server.address().getPort();
      java.net.http.HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(root + "/obskit/status/acme")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      org.jsoup.nodes.Document d = org.jsoup.Jsoup.parse(page.body());
      assertThat(d.select("link[type=application/rss+xml]").attr("href"))
          .isEqualTo("/obskit/status/acme/feed.rss");
      assertThat(d.select("#subscribe form").attr("action"))
          .isEqualTo("/obskit/status/acme/subscriptions");
      java.net.http.HttpResponse<String> login = client.send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create(root + "/obskit/status/private/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("password=password123"))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().firstValue("Location")).contains("/obskit/status/private");
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
          .contains("; Path=/obskit/status/private;");
      // messages to subscribers carry absolute links from the public base URL
      f.pages.subscribe(PAGE, dev.obskit.core.notify.ChannelKind.EMAIL, "a@example.com",
          java.util.Set.of(), true, true);
      assertThat(f.email.sent().get(0).body())
          .contains("https://ops.example.com/obskit/status/acme/subscriptions/confirm?token=");
    }
  }

  @Test
  void properties_configureTheModule_andBadValuesAreNamed() {
    StatusPagesConfig c = StatusPagesConfig.fromProperties(ConfigProperties.of(Map.of(
        "obs.statuspages.base-path", "/health/status", "obs.statuspages.partial-weight", "0.5",
        "obs.statuspages.session-ttl", "2h", "obs.statuspages.driver.enabled", "false")));
    assertThat(c.basePath()).isEqualTo("/health/status");
    assertThat(c.partialWeight()).isEqualTo(0.5);
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(c.driverEnabled()).isFalse();
    assertThatThrownBy(() -> StatusPagesConfig.fromProperties(ConfigProperties.of(Map.of(
        "obs.statuspages.partial-weight", "1.5")))).hasMessageContaining("partialWeight")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> StatusPagesConfig.fromProperties(ConfigProperties.of(Map.of(
        "obs.statuspages.base-path", "status/../x")))).hasMessageContaining("basePath");
  }

  @Test
  void serviceLoader_findsTheModule_andTheRouteGroupCanBeSwitchedOff() {
    try (ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of(
            "obs.statuspages.driver.enabled", "false", "obs.http.statuspages.enabled", "false")))
        .addServiceLoaderModules().build().start()) {
      StatusPagesModule m = kit.module(StatusPagesModule.class);
      m.pages().createPage(StatusPage.builder(PAGE, Fixture.TEAM, "x", kit.context().clock()
          .instant()).build());
      assertThat(new Requests(kit).get("/status/acme").status()).isEqualTo(404);
    }
  }
}
