package dev.obskit.samples.quickstart;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.MonitorId;
import dev.obskit.statuspages.PageSnapshot;
import dev.obskit.statuspages.Resource;
import dev.obskit.statuspages.ResourceId;
import dev.obskit.statuspages.ResourceView;
import dev.obskit.statuspages.Section;
import dev.obskit.statuspages.StatusPage;
import dev.obskit.statuspages.StatusPageId;
import dev.obskit.statuspages.StatusPages;
import dev.obskit.statuspages.StatusPagesConfig;
import dev.obskit.statuspages.StatusPagesModule;
import dev.obskit.statuspages.StatusReport;
import dev.obskit.uptime.UptimeModule;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * obs-statuspages: a public page over the uptime section's monitors and heartbeat plus a component
 * driven by hand. Its automatic reports followed the shop's outage as it happened (the section's
 * module listens to the kit's alerts), so the outage is on the page as a resolved report, linked
 * to the incident the incidents section opened. The page is served by the kit's embedded HTTP
 * server; the section fetches it, prints its URL, and checks that each monitor's 90-day figure is
 * the one obs-uptime reports for the same days. {@code -Dobs.demo.hold-seconds=N} keeps serving.
 */
final class StatusPagesDemo implements DemoSection {
  static final StatusPageId PAGE = StatusPageId.of("demo");

  @Override
  public String title() {
    return "obs-statuspages: the demo's status page (monitors, the outage as a report,"
        + " 90-day bars), served on a local port";
  }

  @Override
  public void addModules(ObsKitBuilder builder, DemoEnvironment env) {
    StatusPage page = StatusPage.builder(PAGE, env.team(), "ObsKit demo status",
            env.clock().instant())
        .addSection(Section.of("Services",
            Resource.monitor(ResourceId.of("api"), "Demo API", MonitorId.of("demo-api")),
            Resource.monitor(ResourceId.of("shop"), "Demo shop", MonitorId.of("demo-shop")),
            Resource.monitor(ResourceId.of("port"), "Demo port", MonitorId.of("demo-port"))))
        .addSection(Section.of("Jobs and edge",
            Resource.heartbeat(ResourceId.of("nightly"), "Nightly job",
                MonitorId.of("demo-nightly-job")),
            Resource.manual(ResourceId.of("cdn"), "CDN")))
        .setAutomaticReports(StatusPage.AutomaticReports.PUBLISH)
        .build();
    builder.addModule(ctx -> StatusPagesModule.create(ctx, StatusPagesConfig.builder()
        .setDriverEnabled(false).addPage(page).build()));
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) throws Exception {
    StatusPages pages = kit.module(StatusPagesModule.class).pages();
    for (StatusReport r : pages.reports(PAGE)) {
      Object incident = env.facts().get("incidents.resolvedIncident");
      if (incident != null && r.incidentId().isEmpty()) {
        pages.linkIncident(r.id(), IncidentId.of(incident.toString()));
      }
      StatusReport linked = pages.report(r.id()).orElseThrow();
      out.printf("  report     \"%s\" %s, %d updates%s%n", linked.title(), linked.status(),
          linked.updates().size(), linked.incidentId().map(i -> ", incident " + i).orElse(""));
    }
    pages.scheduleMaintenance(PAGE, "Port maintenance", "Kernel upgrade on the demo host.",
        env.clock().instant().plus(Duration.ofDays(1)),
        env.clock().instant().plus(Duration.ofDays(1)).plus(Duration.ofHours(1)),
        Set.of(ResourceId.of("port")), Duration.ofHours(1));
    PageSnapshot s = pages.snapshot(PAGE);
    UptimeModule uptime = kit.module(UptimeModule.class);
    LocalDate today = LocalDate.ofInstant(env.clock().instant(), ZoneOffset.UTC);
    for (ResourceView rv : s.resources()) {
      String line = String.format(Locale.ROOT, "  bars       %-12s %-18s %d days, %8.4f %% uptime",
          rv.resource().name(), rv.status().wireName(), rv.bars().size(),
          rv.uptime().uptimePercent());
      if (rv.resource().monitor().isPresent()) {
        double reference = uptime.availability().summary(rv.resource().monitor().get(),
            today.minusDays(89).atStartOfDay(ZoneOffset.UTC).toInstant(),
            today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).uptimePercent();
        line += String.format(Locale.ROOT, " (obs-uptime, same 90 days: %8.4f %%)", reference);
      }
      out.println(line);
    }
    EmbeddedHttpServer server = kit.serve(0);
    String url = server.baseUrl() + "/status/" + PAGE.value();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher overall = Pattern.compile("id=\"overall\"[^>]*><p>([^<]*)</p>").matcher(page.body());
    out.printf("  page       %s -> HTTP %d, %,d bytes, \"%s\"%n", url, page.statusCode(),
        page.body().length(), overall.find() ? overall.group(1) : "?");
    out.println("  also       " + url + "/api/v2/summary.json, " + url + "/feed.rss, " + url
        + "/feed.atom, " + url + "/badge.svg");
    env.facts().put("statuspages.url", url);
    long hold = Long.getLong("obs.demo.hold-seconds", 0);
    if (hold > 0) {
      out.println("  serving    for " + hold + " s (obs.demo.hold-seconds)");
      Thread.sleep(hold * 1000);
    }
  }
}
