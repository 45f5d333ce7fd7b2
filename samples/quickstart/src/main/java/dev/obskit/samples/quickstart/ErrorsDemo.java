package dev.obskit.samples.quickstart;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.ai.AiAssistant;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.store.PageRequest;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.capture.CaptureConfig;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.UserInfo;
import dev.obskit.errors.ingest.IngestRequest;
import dev.obskit.errors.ingest.IngestResponse;
import dev.obskit.errors.issue.Issue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Errors: a sample checkout workload throws, the in-process tracker groups the errors into issues,
 * a Sentry-style envelope arrives over HTTP at the ingestion endpoint, a resolved issue regresses,
 * and a bugfix prompt is written for the biggest issue.
 */
final class ErrorsDemo implements DemoSection {
  static final ProjectId PROJECT = ProjectId.of("shop");
  static final String DSN_KEY = "demo-public-key";

  @Override
  public String title() {
    return "obs-errors: capture, Sentry-compatible ingest, grouping into issues, regressions, bugfix prompt";
  }

  @Override
  public void addModules(ObsKitBuilder builder, DemoEnvironment env) {
    ErrorsConfig config = ErrorsConfig.builder()
        .addProject(ProjectConfig.builder(PROJECT, env.team()).addPublicKey(DSN_KEY).build())
        .setCapture(CaptureConfig.builder().addInAppPackage("dev.obskit.samples")
            .setRelease("shop@1.0.0").setEnvironment("demo").setServerName("demo-host").build())
        .setInstallGlobalTracker(false)
        .build();
    builder.addModule(ctx -> ErrorsModule.create(ctx, config));
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) throws Exception {
    ErrorsModule errors = kit.module(ErrorsModule.class);
    ErrorTracker tracker = errors.tracker();
    Checkout checkout = new Checkout();
    for (int order = 1001; order <= 1006; order++) {
      tracker.scope().setUser(UserInfo.ofId("customer-" + (order % 4)));
      tracker.addBreadcrumb(Breadcrumb.of(env.clock().instant(), "http", "POST /checkout order " + order));
      try {
        checkout.place(order);
      } catch (RuntimeException e) {
        tracker.capture(e);
      }
      env.clock().advance(Duration.ofSeconds(20));
    }
    for (String sku : List.of("sku-17", "sku-99")) {
      try {
        checkout.reserve(sku);
      } catch (RuntimeException e) {
        tracker.capture(e);
      }
    }
    tracker.captureMessage("Cache miss for key 17 after 35ms");
    tracker.captureMessage("Cache miss for key 4242 after 12ms");
    tracker.flush(Duration.ofSeconds(5));
    out.printf("  workload   -> %s%n", tracker.stats());

    int status = sendSentryEnvelope(errors);
    out.printf("  sentry SDK -> POST /api/%s/envelope/ (gzip, X-Sentry-Auth) answered %d%n", PROJECT, status);

    List<Issue> issues = issues(kit, env, errors);
    out.println("  issues (grouped):");
    for (Issue i : issues) {
      String title = i.title().length() > 58 ? i.title().substring(0, 55) + "..." : i.title();
      out.printf("    %-58s x%-2d users %-2d %-16s %s%n", title, i.count(), i.usersAffected(),
          i.strategy(), i.culprit());
    }

    Issue top = issues.get(0);
    errors.issues().resolve(env.team(), top.id());
    env.clock().advance(Duration.ofMinutes(10));
    try {
      checkout.place(2003);
    } catch (RuntimeException e) {
      tracker.capture(e);
    }
    tracker.flush(Duration.ofSeconds(5));
    Issue again = errors.issues().find(env.team(), top.id()).orElseThrow();
    out.printf("  resolved '%s', it happened again -> %s, regressions %d, alert %s open%n",
        again.title(), again.status(), again.regressions(),
        kit.context().alerts().findOpen(env.team(), "errors:issue:" + top.id() + ":regression").isPresent()
            ? "is" : "is not");

    String prompt = errors.suggestFix(env.team(), top.id(), AiAssistant.offline()).text();
    out.println("  bugfix prompt (offline assistant, first lines):");
    prompt.lines().limit(9).forEach(l -> out.println("    | " + l));
    for (Issue i : issues(kit, env, errors)) {
      errors.issues().resolve(env.team(), i.id());
    }
    env.facts().put("errors.events", errors.ingestHandler().stats().events() + tracker.stats().delivered());
  }

  private static List<Issue> issues(ObsKit kit, DemoEnvironment env, ErrorsModule errors) {
    List<Issue> all = new java.util.ArrayList<>(
        errors.issues().list(env.team(), PROJECT, PageRequest.first(50)).items());
    all.sort((a, b) -> Long.compare(b.count(), a.count()));
    return all;
  }

  /** What a Sentry SDK pointed at this host sends: a gzipped envelope with an event item. */
  private static int sendSentryEnvelope(ErrorsModule errors) throws IOException, InterruptedException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        IngestResponse r = errors.ingestHandler().handle(new IngestRequest(exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers,
            in.readNBytes(20 * 1024 * 1024)));
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(r.status(), r.body().length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(r.body());
        }
      }
    });
    server.start();
    try {
      String event = "{\"event_id\":\"5a1d0c0ffee04bd7a1f2b3c4d5e6f701\",\"platform\":\"java\","
          + "\"timestamp\":\"2026-11-22T04:00:00Z\",\"release\":\"inventory@2.3.1\","
          + "\"exception\":{\"values\":[{\"type\":\"SQLTransientConnectionException\","
          + "\"value\":\"HikariPool-1 - Connection is not available, request timed out after 30004ms\","
          + "\"module\":\"java.sql\",\"stacktrace\":{\"frames\":["
          + "{\"module\":\"com.inventory.StockRepository\",\"function\":\"reserve\",\"lineno\":88,\"in_app\":true},"
          + "{\"module\":\"com.zaxxer.hikari.pool.HikariPool\",\"function\":\"getConnection\",\"lineno\":181}]}}]},"
          + "\"user\":{\"id\":\"warehouse-bot\"}}";
      String envelope = "{\"event_id\":\"5a1d0c0ffee04bd7a1f2b3c4d5e6f701\"}\n{\"type\":\"event\",\"length\":"
          + event.getBytes(StandardCharsets.UTF_8).length + "}\n" + event + "\n";
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
        z.write(envelope.getBytes(StandardCharsets.UTF_8));
      }
      int port = server.getAddress().getPort();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/shop/envelope/"))
          .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=" + DSN_KEY)
          .header("Content-Encoding", "gzip").header("Content-Type", "application/x-sentry-envelope")
          .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } finally {
      server.stop(0);
    }
  }

  /** The sample workload: a checkout service with two bugs. */
  static final class Checkout {
    void place(int order) {
      try {
        charge(order);
      } catch (IllegalStateException e) {
        throw new RuntimeException("Order " + order + " failed", e);
      }
    }

    private void charge(int order) {
      if (order % 3 == 0) {
        declined(order);
      }
      throw new IllegalStateException("payment gateway timeout after " + (order % 7) + "s");
    }

    private void declined(int order) {
      throw new IllegalStateException("card declined for order " + order);
    }

    void reserve(String sku) {
      throw new IllegalArgumentException("unknown SKU " + sku);
    }
  }
}
