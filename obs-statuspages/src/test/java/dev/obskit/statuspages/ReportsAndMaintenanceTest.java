package dev.obskit.statuspages;

import static dev.obskit.statuspages.Fixture.API;
import static dev.obskit.statuspages.Fixture.API_MONITOR;
import static dev.obskit.statuspages.Fixture.CDN;
import static dev.obskit.statuspages.Fixture.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.usage.BillableAddOn;
import dev.obskit.core.usage.BillableAddOns;
import dev.obskit.statuspages.access.PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Report lifecycle, automatic reports, maintenance on the kit clock, billable add-ons. */
class ReportsAndMaintenanceTest {
  private static final String NOW = "2026-03-10T12:00:00Z";

  private static void confirmedSubscriber(Fixture f) {
    f.pages.subscribe(PAGE, ChannelKind.EMAIL, "ops@example.com", Set.of(), true, true);
    String body = f.email.sent().get(0).body();
    int i = body.indexOf("confirm?token=") + "confirm?token=".length();
    int j = i;
    while (j < body.length() && (Character.isLetterOrDigit(body.charAt(j))
        || body.charAt(j) == '-' || body.charAt(j) == '_')) {
      j++;
    }
    assertThat(f.pages.confirm(body.substring(i, j))).isEqualTo(ConfirmResult.CONFIRMED);
    f.email.clear();
  }

  @Test
  void report_movesForwardOnly_nothingAfterResolved_linksTheIncident() {
    try (Fixture f = new Fixture(NOW)) {
      StatusReport r = f.pages.openReport(PAGE, "API errors", ReportStatus.IDENTIFIED, "cause",
          Map.of(API, ComponentStatus.PARTIAL_OUTAGE), Optional.of(IncidentId.of("inc-7")), true);
      assertThat(r.incidentId()).contains(IncidentId.of("inc-7"));
      assertThatThrownBy(() -> f.pages.postUpdate(r.id(), ReportStatus.INVESTIGATING, "", Map.of()))
          .hasMessageContaining("cannot go back from IDENTIFIED to INVESTIGATING");
      f.clock.advance(Duration.ofMinutes(5));
      StatusReport m = f.pages.postUpdate(r.id(), ReportStatus.MONITORING, "fix out",
          Map.of(API, ComponentStatus.DEGRADED));
      assertThat(m.affected()).containsEntry(API, ComponentStatus.DEGRADED);
      assertThat(f.pages.snapshot(PAGE).resources().get(0).status())
          .isEqualTo(ComponentStatus.DEGRADED);
      StatusReport done = f.pages.postUpdate(r.id(), ReportStatus.RESOLVED, "ok", Map.of());
      assertThat(done.updates()).extracting(ReportUpdate::status).containsExactly(
          ReportStatus.IDENTIFIED, ReportStatus.MONITORING, ReportStatus.RESOLVED);
      assertThatThrownBy(() -> f.pages.postUpdate(r.id(), ReportStatus.RESOLVED, "", Map.of()))
          .hasMessageContaining("is resolved");
      assertThat(f.pages.snapshot(PAGE).openReports()).isEmpty();
      assertThat(f.pages.snapshot(PAGE).pastReports()).extracting(StatusReport::title)
          .containsExactly("API errors");
      StatusReport edited = f.pages.editUpdate(r.id(), done.updates().get(0).id(), "real cause");
      assertThat(edited.updates().get(0).body()).isEqualTo("real cause");
      assertThatThrownBy(() -> f.pages.openReport(PAGE, "x", ReportStatus.INVESTIGATING, "",
          Map.of(ResourceId.of("ghost"), ComponentStatus.MAJOR_OUTAGE), Optional.empty(), true))
          .hasMessageContaining("no resource ghost");
    }
  }

  @Test
  void draft_isInvisibleAndSilentUntilPublished() {
    try (Fixture f = new Fixture(NOW)) {
      confirmedSubscriber(f);
      StatusReport d = f.pages.openReport(PAGE, "Draft", ReportStatus.INVESTIGATING, "",
          Map.of(CDN, ComponentStatus.MAJOR_OUTAGE), Optional.empty(), false);
      assertThat(f.pages.snapshot(PAGE).openReports()).isEmpty();
      assertThat(f.pages.snapshot(PAGE).overall()).isEqualTo(ComponentStatus.OPERATIONAL);
      assertThat(f.email.sent()).isEmpty();
      f.pages.publish(d.id());
      assertThat(f.pages.snapshot(PAGE).openReports()).hasSize(1);
      assertThat(f.pages.snapshot(PAGE).overall()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
      assertThat(f.email.sent()).hasSize(1);
    }
  }

  @Test
  void automaticReport_opensAfterTheMinimumLength_andResolvesOnRecovery() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p
        .setAutomaticReports(StatusPage.AutomaticReports.PUBLISH)
        .setMinIncidentLength(Duration.ofMinutes(2)))) {
      f.view.status.put(API_MONITOR, MonitorStatus.DOWN);
      f.pages.tick();
      f.clock.advance(Duration.ofMinutes(1));
      f.pages.tick();
      assertThat(f.pages.reports(PAGE)).isEmpty();
      f.clock.advance(Duration.ofMinutes(1));
      f.pages.tick();
      f.pages.tick();
      assertThat(f.pages.reports(PAGE)).singleElement().satisfies(r -> {
        assertThat(r.title()).isEqualTo("Public API is down");
        assertThat(r.published()).isTrue();
        assertThat(r.automatic()).isTrue();
        assertThat(r.affected()).containsEntry(API, ComponentStatus.MAJOR_OUTAGE);
      });
      f.view.status.put(API_MONITOR, MonitorStatus.UP);
      f.clock.advance(Duration.ofMinutes(5));
      f.pages.tick();
      assertThat(f.pages.reports(PAGE).get(0).status()).isEqualTo(ReportStatus.RESOLVED);
      assertThat(f.pages.reports(PAGE).get(0).latest().body()).isEqualTo("Public API has recovered.");
      // a blip shorter than the minimum never becomes a report
      f.view.status.put(API_MONITOR, MonitorStatus.DOWN);
      f.pages.tick();
      f.view.status.put(API_MONITOR, MonitorStatus.UP);
      f.clock.advance(Duration.ofMinutes(3));
      f.pages.tick();
      assertThat(f.pages.reports(PAGE)).hasSize(1);
    }
  }

  @Test
  void maintenance_remindsStartsAndCompletesOnTheKitClock_onceEach() {
    try (Fixture f = new Fixture(NOW)) {
      confirmedSubscriber(f);
      Instant start = Instant.parse("2026-03-11T02:00:00Z");
      MaintenanceWindow w = f.pages.scheduleMaintenance(PAGE, "DB upgrade", "Postgres 17",
          start, start.plus(Duration.ofHours(2)), Set.of(API), Duration.ofHours(1));
      assertThat(w.status()).isEqualTo(MaintenanceStatus.SCHEDULED);
      assertThat(f.email.sent()).extracting(Notification::title)
          .containsExactly("[Acme status] Maintenance scheduled: DB upgrade");
      f.clock.setInstant(start.minus(Duration.ofMinutes(61)));
      f.pages.tick();
      assertThat(f.email.sent()).hasSize(1);
      f.clock.setInstant(start.minus(Duration.ofMinutes(59)));
      f.pages.tick();
      f.pages.tick();
      assertThat(f.email.sent()).hasSize(2);
      assertThat(f.email.sent().get(1).title())
          .isEqualTo("[Acme status] Maintenance starting soon: DB upgrade");
      f.clock.setInstant(start);
      f.pages.tick();
      assertThat(f.pages.maintenance(PAGE).get(0).status()).isEqualTo(MaintenanceStatus.IN_PROGRESS);
      assertThat(f.pages.snapshot(PAGE).resources().get(0).status())
          .isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
      assertThat(f.pages.snapshot(PAGE).overall()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
      f.clock.setInstant(start.plus(Duration.ofHours(2)));
      f.pages.tick();
      f.pages.tick();
      assertThat(f.pages.maintenance(PAGE).get(0).status()).isEqualTo(MaintenanceStatus.COMPLETED);
      assertThat(f.pages.snapshot(PAGE).resources().get(0).status())
          .isEqualTo(ComponentStatus.OPERATIONAL);
      assertThat(f.email.sent()).extracting(Notification::title).containsExactly(
          "[Acme status] Maintenance scheduled: DB upgrade",
          "[Acme status] Maintenance starting soon: DB upgrade",
          "[Acme status] Maintenance started: DB upgrade",
          "[Acme status] Maintenance completed: DB upgrade");
    }
  }

  @Test
  void billableAddOns_listEachPaidFeature_throughTheCoreContract() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setSubscriberLimit(3_500)
        .setOptions(PageOptions.builder().setCustomCss("a{}").setWhiteLabel(true)
            .setCustomEmailDomain("mail.acme.example").build())
        .setAccess(AccessPolicy.open().withPassword(PasswordHash.create(
            "password123".toCharArray(), 1_000)).withAllowlist("10.0.0.0/8")))) {
      f.pages.createPage(StatusPage.builder(StatusPageId.of("acme-internal"), Fixture.TEAM,
          "Internal", Instant.parse(NOW)).setAccess(AccessPolicy.open().withSsoRequired(true))
          .build());
      f.pages.createPage(StatusPage.builder(StatusPageId.of("other"), TeamId.of("other"),
          "Other", Instant.parse(NOW)).setOptions(PageOptions.builder().setCustomJs("1").build())
          .build());
      BillableAddOns addOns = f.kit.context().lookup(BillableAddOns.class).orElseThrow();
      assertThat(addOns.billableAddOns(Fixture.TEAM)).extracting(BillableAddOn::code,
          BillableAddOn::quantity).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_EXTRA_PAGES, 1L),
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_CUSTOM_CSS, 1L),
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_WHITE_LABEL, 1L),
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_PASSWORD, 1L),
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_IP_ALLOWLIST, 1L),
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_SSO, 1L),
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_CUSTOM_EMAIL_DOMAIN, 1L),
          // 3,500 allowed = 1,000 included + 3 packs of 1,000
          org.assertj.core.groups.Tuple.tuple(BillableAddOn.STATUS_PAGE_SUBSCRIBER_PACKS, 3L));
      assertThat(addOns.billableAddOns(TeamId.of("other"))).extracting(BillableAddOn::code)
          .containsExactly(BillableAddOn.STATUS_PAGE_CUSTOM_JS);
      assertThat(f.module.billableAddOns(StatusPageId.of("acme-internal")))
          .extracting(BillableAddOn::code).containsExactly(BillableAddOn.STATUS_PAGE_SSO);
    }
  }
}
