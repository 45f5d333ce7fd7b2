package dev.obskit.incidents;

import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.incident.TimelineEventType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertIntakeTest {
  private final IncidentsRig rig = new IncidentsRig();
  private AlertManager alerts;

  @BeforeEach
  void wire() {
    alerts = AlertManager.inMemory(rig.clock, rig.bus, IdGenerator.sequential("alert"));
    AlertIntake intake = new AlertIntake(rig.incidents, rig.catalog, a -> null, true);
    rig.bus.subscribe(AlertEvent.class, intake::onAlert);
    rig.catalog.add(Service.of(TEAM, ServiceId.of("checkout"), "Checkout", EscalationPolicyId.of("p"))
        .withRunbook("https://runbooks.example/checkout").withComponents(Set.of("checkout-api")));
    rig.catalog.add(Service.of(TEAM, ServiceId.of("search"), "Search", null).withAutoResolve(false));
    rig.catalog.mapMonitor(TEAM, MonitorId.of("m-42"), ServiceId.of("search"));
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private Alert alert(String key, String source, String component, AlertSeverity severity) {
    return Alert.builder(TEAM, key).setSource(source).setComponent(component)
        .setSeverity(severity).setSummary(key + " failing").build();
  }

  private List<Incident> all() {
    return rig.repository.listAll(TEAM, IncidentQuery.all());
  }

  @Test
  void trigger_opensIncident_mappedByComponent_withSeverityMapped() {
    alerts.trigger(alert("uptime:checkout", "obs-uptime/m-1", "CHECKOUT-API", AlertSeverity.CRITICAL));
    Incident i = all().get(0);
    assertThat(i.serviceId()).isEqualTo(ServiceId.of("checkout"));
    assertThat(i.severity()).isEqualTo(Severity.SEV1);
    assertThat(i.dedupKey()).isEqualTo("uptime:checkout");
    assertThat(i.escalation().policyId()).isEqualTo(EscalationPolicyId.of("p"));
  }

  @Test
  void monitorMapping_winsOverComponent() {
    alerts.trigger(alert("uptime:m-42", "obs-uptime/m-42", "checkout-api", AlertSeverity.WARNING));
    assertThat(all().get(0).serviceId()).isEqualTo(ServiceId.of("search"));
    assertThat(all().get(0).severity()).isEqualTo(Severity.SEV3);
  }

  @Test
  void uptimeAndErrorsDetails_andSourcePrefix_mapToServices() {
    rig.catalog.mapProject(TEAM, dev.obskit.core.id.ProjectId.of("web"), ServiceId.of("checkout"));
    rig.catalog.mapSourcePrefix(TEAM, "obs-billing/", ServiceId.of("search"));
    alerts.trigger(Alert.builder(TEAM, "u").setSource("obs-uptime/x").putDetail("monitor", "m-42")
        .setSummary("down").build());
    alerts.trigger(Alert.builder(TEAM, "e").setSource("obs-errors/web").putDetail("project", "web")
        .setSummary("regression").build());
    alerts.trigger(Alert.builder(TEAM, "b").setSource("obs-billing/quota").setSummary("quota").build());
    assertThat(all()).extracting(i -> i.dedupKey() + "=" + i.serviceId().value())
        .containsExactly("u=search", "e=checkout", "b=search");
  }

  @Test
  void repeats_merge_andResolveAlert_autoResolves() {
    Alert a = alert("uptime:checkout", "obs-uptime/m-1", "checkout", AlertSeverity.ERROR);
    alerts.trigger(a);
    rig.clock.advance(Duration.ofMinutes(1));
    alerts.trigger(a);
    rig.clock.advance(Duration.ofMinutes(1));
    alerts.resolve(TEAM, "uptime:checkout", "obs-uptime");
    assertThat(all()).hasSize(1);
    Incident i = all().get(0);
    assertThat(i.alertCount()).isEqualTo(2);
    assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(i.resolvedBy()).isEqualTo("alert:obs-uptime");
    assertThat(i.entries(TimelineEventType.ALERT_RESOLVED)).hasSize(1);
    alerts.trigger(a);
    assertThat(all()).hasSize(2);
  }

  @Test
  void resolveAlert_withoutAutoResolve_onlyRecordsTheRecovery() {
    alerts.trigger(alert("uptime:m-42", "obs-uptime/m-42", "", AlertSeverity.ERROR));
    alerts.resolve(TEAM, "uptime:m-42", "obs-uptime");
    Incident i = all().get(0);
    assertThat(i.status()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(i.entries(TimelineEventType.ALERT_RESOLVED)).hasSize(1);
  }

  @Test
  void acknowledgedAlert_acknowledgesIncident() {
    alerts.trigger(alert("k", "host", "", AlertSeverity.ERROR));
    alerts.acknowledge(TEAM, "k", "user:alice");
    assertThat(all().get(0).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(all().get(0).acknowledgedBy()).isEqualTo("user:alice");
  }

  @Test
  void eventOvertakenByANewerOne_isIgnored() {
    AlertIntake intake = new AlertIntake(rig.incidents, rig.catalog, a -> null, true);
    Alert a = alert("race", "host", "", AlertSeverity.ERROR);
    java.time.Instant t = rig.clock.instant();
    dev.obskit.core.id.AlertId id = dev.obskit.core.id.AlertId.of("al-1");
    dev.obskit.core.alert.AlertRecord triggered = new dev.obskit.core.alert.AlertRecord(id, a,
        dev.obskit.core.alert.AlertStatus.TRIGGERED, 1, t, t, null, null, null, null, 1);
    dev.obskit.core.alert.AlertRecord merged = new dev.obskit.core.alert.AlertRecord(id, a,
        dev.obskit.core.alert.AlertStatus.TRIGGERED, 2, t, t, null, null, null, null, 2);
    dev.obskit.core.alert.AlertRecord resolved = new dev.obskit.core.alert.AlertRecord(id, a,
        dev.obskit.core.alert.AlertStatus.RESOLVED, 2, t, t, null, null, t, "host", 3);
    intake.onAlert(new AlertEvent(dev.obskit.core.alert.AlertAction.TRIGGERED, triggered, t));
    intake.onAlert(new AlertEvent(dev.obskit.core.alert.AlertAction.RESOLVED, resolved, t));
    // the merge (revision 2) arrives late, after the resolve (revision 3): no phantom incident
    intake.onAlert(new AlertEvent(dev.obskit.core.alert.AlertAction.MERGED, merged, t));
    assertThat(all()).singleElement().satisfies(i -> {
      assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(i.alertCount()).isEqualTo(1);
    });
  }

  @Test
  void unmappedAlert_opensIncidentWithoutService() {
    alerts.trigger(alert("k", "host", "nothing-known", AlertSeverity.INFO));
    assertThat(all().get(0).service()).isEmpty();
    assertThat(all().get(0).severity()).isEqualTo(Severity.SEV4);
  }
}
