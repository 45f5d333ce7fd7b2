package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.BillingConfig;
import dev.obskit.billing.BillingModule;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.StoredEvent;
import dev.obskit.incidents.IncidentsConfig;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentStatus;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.oncall.OnCallModule;
import dev.obskit.incidents.oncall.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kit on the default embedded H2 store is stopped and started again on the same directory: what
 * every module stored is still there, and an action link sent before the restart still works.
 */
class KitRestartTest {
  static final TeamId TEAM = TeamId.of("acme");
  static final ProjectId PROJECT = ProjectId.of("42");
  static final PriceBook BOOK = PriceBooks.defaultBook();

  @TempDir
  Path dataDir;
  final ManualClock clock = ManualClock.startingAt("2026-03-15T12:00:00Z");

  ObsKit kit() {
    ErrorsConfig errors = ErrorsConfig.builder().addProject(ProjectConfig.builder(PROJECT, TEAM)
        .addPublicKey("publickey").build()).setInstallGlobalTracker(false).build();
    return ObsKit.builder().setClock(clock).setIdGenerator(IdGenerator.timeOrdered(clock))
        .setConfig(ConfigProperties.of(Map.of())).setStore(JdbcStore.h2(dataDir))
        .addModule(OnCallModule::create)
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder()
            .setDriverEnabled(false).build()))
        .addModule(ctx -> ErrorsModule.create(ctx, errors))
        .addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults()))
        .build().start();
  }

  static ErrorEvent error(int n) {
    return ErrorEvent.builder().timestamp(Instant.parse("2026-03-15T11:00:00Z").plusSeconds(n))
        .release("shop@3").exceptions(List.of(new ExceptionValue("IllegalStateException",
            "payment failed " + n, "java.lang", List.of(StackFrame.java("com.shop.Pay", "charge",
                "Pay.java", 7, true)), "generic", false, null)))
        .build();
  }

  @Test
  void restart_onTheSameH2Directory_keepsEveryModulesState_andOldLinksStillWork() {
    Incident before;
    Incident triggered;
    String ackToken;
    Issue issue;
    List<StoredEvent> eventsBefore;
    Schedule schedule;
    Invoice invoice;
    try (ObsKit kit = kit()) {
      IncidentsModule incidents = kit.module(IncidentsModule.class);
      incidents.policies().add(EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "Primary")
          .addStep(Duration.ofMinutes(5), new EscalationTarget.OnCall(ScheduleId.of("s"))).build());
      incidents.catalog().add(Service.of(TEAM, ServiceId.of("api"), "api", EscalationPolicyId.of("p")));
      schedule = kit.module(OnCallModule.class).schedules().create(
          ScheduleRepositoryContract.schedule(TEAM, "s"));
      kit.context().alerts().trigger(Alert.builder(TEAM, "uptime:api").setComponent("api")
          .setSeverity(AlertSeverity.CRITICAL).setSummary("api down").build());
      kit.context().alerts().trigger(Alert.builder(TEAM, "uptime:db").setComponent("db")
          .setSeverity(AlertSeverity.WARNING).setSummary("db slow").build());
      List<Incident> open = incidents.incidents().repository().listAll(TEAM, IncidentQuery.all());
      assertThat(open).hasSize(2);
      clock.advance(Duration.ofMinutes(3));
      incidents.incidents().acknowledge(TEAM, open.get(0).id(), "user:alice");
      incidents.incidents().addNote(TEAM, open.get(0).id(), "user:alice", "rolling back");
      before = incidents.incidents().find(TEAM, open.get(0).id()).orElseThrow();
      triggered = open.get(1);
      String url = incidents.links().link(ActionLinks.Action.ACKNOWLEDGE, triggered);
      ackToken = url.substring(url.indexOf("token=") + 6);

      ErrorsModule errors = kit.module(ErrorsModule.class);
      ProjectConfig project = errors.projects().find(PROJECT).orElseThrow();
      issue = errors.processor().process(project, error(1)).update().issue();
      errors.processor().process(project, error(2));
      issue = errors.issues().find(TEAM, issue.id()).orElseThrow();
      eventsBefore = errors.events().latest(TEAM, issue.id(), 10);
      assertThat(eventsBefore).hasSize(2);

      BillingModule billing = kit.module(BillingModule.class);
      billing.saveSubscription(Subscription.create(SubscriptionId.of("sub"), TEAM, BOOK,
          Region.US_EAST, ZoneOffset.UTC).changePlan(BOOK, "team", Instant.parse("2026-01-01T00:00:00Z")));
      kit.context().usage().report(UsageEvent.of(TEAM, Meters.LOG_BYTES, 5_000_000_000L,
          clock.instant(), "log-1"));
      kit.context().usage().report(UsageEvent.of(TEAM, Meters.ERROR_EVENTS, 1_000, clock.instant(),
          "err-1"));
      invoice = billing.issueInvoices(YearMonth.of(2026, 3)).issued().get(0);
    }

    try (ObsKit kit = kit()) {
      IncidentsModule incidents = kit.module(IncidentsModule.class);
      assertThat(incidents.incidents().find(TEAM, before.id())).contains(before);
      assertThat(incidents.policies().find(TEAM, EscalationPolicyId.of("p"))).isPresent();
      assertThat(incidents.catalog().find(TEAM, ServiceId.of("api"))).isPresent();
      assertThat(kit.module(OnCallModule.class).schedules().find(TEAM, ScheduleId.of("s")))
          .contains(schedule);
      IncidentId pending = triggered.id();
      assertThat(incidents.applyLink(ActionLinks.Action.ACKNOWLEDGE, TEAM, pending, ackToken,
          "user:bob").isApplied()).as("a link issued before the restart").isTrue();
      assertThat(incidents.incidents().find(TEAM, pending).orElseThrow().status())
          .isEqualTo(IncidentStatus.ACKNOWLEDGED);

      ErrorsModule errors = kit.module(ErrorsModule.class);
      assertThat(errors.issues().find(TEAM, issue.id())).contains(issue);
      assertThat(errors.events().latest(TEAM, issue.id(), 10)).extracting(StoredEvent::id)
          .isEqualTo(eventsBefore.stream().map(StoredEvent::id).toList());
      Issue again = errors.processor().process(errors.projects().find(PROJECT).orElseThrow(),
          error(3)).update().issue();
      assertThat(again.id()).as("the same error groups into the stored issue").isEqualTo(issue.id());
      assertThat(again.count()).isEqualTo(3);

      BillingModule billing = kit.module(BillingModule.class);
      assertThat(billing.subscription(TEAM)).isPresent();
      assertThat(billing.usage(TEAM, billing.currentPeriod(TEAM)).value(Meters.LOG_BYTES))
          .isEqualTo(5_000_000_000L);
      kit.context().usage().report(UsageEvent.of(TEAM, Meters.LOG_BYTES, 5_000_000_000L,
          clock.instant(), "log-1"));
      assertThat(billing.usage(TEAM, billing.currentPeriod(TEAM)).value(Meters.LOG_BYTES))
          .as("a replayed key is still a duplicate after the restart").isEqualTo(5_000_000_000L);
      assertThat(billing.invoices().find(TEAM, invoice.id())).contains(invoice);
      assertThat(billing.issueInvoices(YearMonth.of(2026, 3)).alreadyIssued()).containsExactly(invoice);
    }
  }
}
