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
