package dev.obskit.samples.quickstart;

import dev.obskit.core.ObsKit;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.errors.ErrorsModule;
import io.sentry.Sentry;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * After the scenario, the demo keeps the kit serving on a local port (8080 unless
 * {@code obs.demo.port} says otherwise; a free port when 8080 is taken) under {@code /obskit}, and
 * prints what a new user can point a browser, {@code curl} or a Sentry SDK at. A real sentry-java
 * SDK in this process sends one error through the printed DSN.
 */
final class DemoService {
  static final String BASE_PATH = "/obskit";
  /** The demo team's JSON API token (demo only: a real host configures its own secret). */
  static final String API_TOKEN = "demo-api-token-0123456789";
  /** The live tail's token (demo only). */
  static final String TAIL_TOKEN = "demo-tail-token-0123456789";
  private final EmbeddedHttpServer server;
  private final Map<String, URI> urls = new LinkedHashMap<>();
  private URI api;
  private URI tail;

  private DemoService(EmbeddedHttpServer server) {
    this.server = server;
  }

  static DemoService start(ObsKit kit, DemoEnvironment env, PrintStream out) {
    int port = Integer.getInteger("obs.demo.port", 8080);
    EmbeddedHttpServer server;
    try {
      server = kit.serve(HttpServerConfig.builder().port(port).basePath(BASE_PATH).build());
    } catch (UncheckedIOException taken) {
      out.println("  port " + port + " is taken; serving on a free port instead");
      server = kit.serve(HttpServerConfig.builder().port(0).basePath(BASE_PATH).build());
    }
    DemoService s = new DemoService(server);
    String base = server.baseUrl().toString();
    int actual = server.address().getPort();
    s.urls.put("Health", URI.create(base + "/health"));
    s.urls.put("Heartbeat (curl it)", URI.create(base + "/heartbeats/demo-nightly-job"));
    s.urls.put("Status page", URI.create(base + "/status/" + StatusPagesDemo.PAGE.value()));
    URI api = URI.create(base + "/api/v1/teams/" + env.team().value() + "/incidents");
    URI tail = URI.create(base + "/tail?token=" + TAIL_TOKEN + "&level=INFO");
    s.api = api;
    s.tail = tail;
    String dsn = "http://" + ErrorsDemo.DSN_KEY + "@127.0.0.1:" + actual + BASE_PATH + "/"
        + ErrorsDemo.PROJECT.value();
    out.println("Serving on " + base + " (Ctrl-C stops; --exit-after-scenario exits instead)");
    s.urls.forEach((what, url) -> out.println("  " + what + ": " + url));
    out.println("  JSON API: curl -H 'Authorization: Bearer " + API_TOKEN + "' " + api
        + "   (also /monitors, /issues, /oncall, /usage)");
    out.println("  Live tail (server-sent events): curl -N '" + tail + "'");
    out.println("  Sentry DSN: " + dsn);
    s.sendWithSentrySdk(kit, dsn, out);
    return s;
  }

  /** What a sentry-java user does: init with the DSN, capture, flush. */
  private void sendWithSentrySdk(ObsKit kit, String dsn, PrintStream out) {
    ErrorsModule errors = kit.module(ErrorsModule.class);
    long before = errors.ingestHandler().stats().events();
    Sentry.init(o -> {
      o.setDsn(dsn);
      o.setEnableUncaughtExceptionHandler(false);
      o.setEnableShutdownHook(false);
      o.setRelease("shop@1.4.2");
    });
    try {
      Sentry.captureException(new IllegalStateException("Payment provider timed out (sent by sentry-java)"));
      Sentry.flush(5_000);
    } finally {
      Sentry.close();
    }
    long received = errors.ingestHandler().stats().events() - before;
    out.println("  sentry-java " + io.sentry.SentryOptions.class.getPackage().getImplementationVersion()
        + " sent 1 error through that DSN; events received: " + received);
  }

  Map<String, URI> urls() {
    return urls;
  }

  /** Requests every printed URL (the tail: only until its headers arrive) and prints each status. */
  void selfCheck(PrintStream out) {
    checkAll().forEach((url, status) -> out.println("  checked " + url + " -> " + status));
  }

  /** Returns the status each printed URL answers (-1 when it did not answer). */
  Map<URI, Integer> checkAll() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<URI, Integer> answers = new LinkedHashMap<>();
    urls.values().forEach(url -> answers.put(url, status(client, HttpRequest.newBuilder(url))));
    answers.put(api, status(client, HttpRequest.newBuilder(api).header("Authorization", "Bearer " + API_TOKEN)));
    URI usage = URI.create(api.toString().replace("/incidents", "/usage"));
    answers.put(usage, status(client, HttpRequest.newBuilder(usage).header("Authorization", "Bearer " + API_TOKEN)));
    answers.put(tail, status(client, HttpRequest.newBuilder(tail)));
    return answers;
  }

  private static int status(HttpClient client, HttpRequest.Builder request) {
    try {
      HttpResponse<java.io.InputStream> r = client.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      r.body().close();
      return r.statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  URI baseUrl() {
    return server.baseUrl();
  }
}
