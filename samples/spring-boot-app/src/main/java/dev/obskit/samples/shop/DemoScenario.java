package dev.obskit.samples.shop;

import dev.obskit.billing.BillingModule;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.ObsKit;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.PageRequest;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.issue.Issue;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.telemetry.TelemetryModule;
import dev.obskit.uptime.UptimeModule;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo story, run once the shop is up when {@code obs-demo.scenario=true}: checkout breaks for
 * a minute; ObsKit's uptime check sees it, opens an incident and pages the on-call user through
 * the signed webhook; the exceptions checkout throws are grouped into one issue; logs ship through
 * the durable buffer; checkout recovers and the incident resolves. Then it prints where to look,
 * and the month-to-date invoice priced from the usage the shop produced. Real time: about 3 minutes.
 */
@Component
@ConditionalOnProperty(name = "obs-demo.scenario", havingValue = "true")
public class DemoScenario {
  private static final TeamId SHOP = TeamId.of("shop");
  private static final PrintStream out = System.out;
  private final ObsKit kit;
  private final Chaos chaos;
  private final PagerReceiver pager;
  private final ApplicationContext context;
  private final Duration breakFor;
  private final boolean exitAfter;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String base;

  public DemoScenario(ObsKit kit, Chaos chaos, PagerReceiver pager, ApplicationContext context,
      @Value("${obs-demo.break-for:60s}") Duration breakFor,
      @Value("${obs-demo.exit-after-scenario:false}") boolean exitAfter) {
    this.kit = kit;
    this.chaos = chaos;
    this.pager = pager;
    this.context = context;
    this.breakFor = breakFor;
    this.exitAfter = exitAfter;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    base = "http://127.0.0.1:" + port;
    Thread story = new Thread(this::runSafely, "shop-demo");
    story.setDaemon(true);
    story.start();
  }

  private void runSafely() {
    try {
      run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.println("[demo] stopped: " + e);
    }
    if (exitAfter) {
      System.exit(SpringApplication.exit(context, () -> 0));
    }
  }

  private void run() throws InterruptedException {
    subscribe();
    say("The shop is up at " + base + " with ObsKit watching it. Checkout works:");
    for (int i = 0; i < 3; i++) {
      say("  GET /api/checkout/mug-01 -> " + get("/api/checkout/mug-01"));
    }
    say("Waiting for the first uptime checks (every 30 s)...");
    await(Duration.ofSeconds(70), () -> state("shop-checkout").equals("UP"));
    say("  monitors: products " + state("shop-products") + ", checkout " + state("shop-checkout"));

    say("Breaking checkout for " + breakFor.toSeconds() + " s, as a bad deploy would.");
    chaos.breakFor(breakFor);
    Instant until = Instant.now().plus(breakFor);
    Optional<Incident> incident = Optional.empty();
    while (Instant.now().isBefore(until.plusSeconds(90))) {
      if (chaos.isBroken()) {
        get("/api/checkout/tee-02"); // a customer hits the failure; ObsKit captures the exception
      }
      if (incident.isEmpty()) {
        incident = openIncident();
        incident.ifPresent(i -> say("  INCIDENT opened: [" + i.severity() + "] " + i.title()));
      }
      if (incident.isPresent() && !chaos.isBroken() && isResolved(incident.get())) {
        break;
      }
      Thread.sleep(5_000);
    }
    say("Pages sent to the on-call phones (the /hooks/pager receiver):");
    pager.pages().forEach(p -> say("  " + p));
    incident.flatMap(i -> kit.module(IncidentsModule.class).incidents().find(SHOP, i.id()))
        .ifPresent(this::printTimeline);
    printIssues();
    printLogsAndInvoice();
    printUrls();
  }

  private Optional<Incident> openIncident() {
    return kit.findModule(IncidentsModule.class).flatMap(m -> m.incidents().repository()
        .listOpen().stream().filter(i -> i.teamId().equals(SHOP)).findFirst());
  }

  private boolean isResolved(Incident incident) {
    return kit.module(IncidentsModule.class).incidents().find(SHOP, incident.id())
        .map(i -> i.resolvedAt() != null).orElse(false);
  }

  private void printTimeline(Incident i) {
    say("Incident timeline (" + i.status() + "):");
    for (TimelineEntry e : i.timeline()) {
      say(String.format("  %s %-18s %s", e.at(), e.type(), e.message()));
    }
  }

  private void printIssues() {
    say("Error issues (grouped like Sentry):");
    List<Issue> issues = kit.module(ErrorsModule.class).issues()
        .list(SHOP, ProjectId.of("shop"), PageRequest.first(20)).items();
    for (Issue issue : issues) {
      say(String.format("  %4d x %s  (%s)", issue.count(), issue.title(), issue.culprit()));
    }
  }

  private void printLogsAndInvoice() {
    kit.findModule(TelemetryModule.class).ifPresent(t -> say("Logs shipped through the durable buffer: "
        + t.stats().shipped() + " (file sink under obs.data-dir/telemetry/logs)"));
    kit.findModule(BillingModule.class).ifPresent(billing -> {
      Invoice invoice = billing.quoteMonthToDate(SHOP);
      say("Month-to-date invoice for team shop (" + invoice.period() + "):");
      for (InvoiceLine line : invoice.lines()) {
        say(String.format("  %-26s %14s %12s", line.itemCode(), line.quantity().toPlainString(),
            line.amount()));
      }
      say("  TOTAL " + invoice.total());
    });
  }

  private void printUrls() {
    say("Look around (Ctrl-C stops the shop):");
    say("  Actuator, ObsKit at a glance  " + base + "/actuator/obskit");
    say("  Health per module             " + base + "/actuator/health/obskit");
    say("  Heartbeat of the reindex job  the job pings it every 30 s; stop the app and it pages");
  }

  private void subscribe() {
    kit.findModule(BillingModule.class).ifPresent(billing -> {
      if (billing.subscription(SHOP).isPresent()) {
        return;
      }
      PriceBook book = PriceBooks.defaultBook();
      Instant start = billing.currentPeriod(SHOP).start();
      billing.saveSubscription(Subscription.create(SubscriptionId.of("shop-sub"), SHOP, book,
              Region.GERMANY, ZoneOffset.UTC)
          .changePlan(book, "team", start)
          .changeBundle(book, Optional.of("telemetry-nano"), start));
    });
  }

  private String state(String monitor) {
    return kit.findModule(UptimeModule.class)
        .flatMap(u -> u.state(dev.obskit.core.id.MonitorId.of(monitor)))
        .map(Enum::name).orElse("UNKNOWN");
  }

  private String get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + (r.body().length() > 80 ? r.body().substring(0, 80) + "..." : r.body());
    } catch (java.io.IOException e) {
      return "failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void await(Duration max, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(max);
    while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
    }
  }

  private static void say(String line) {
    out.println("[demo] " + line);
  }
}
