package dev.obskit.errors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.core.ObsKit;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.attachment.StoredAttachment;
import dev.obskit.errors.issue.Issue;
import io.sentry.Attachment;
import io.sentry.Hint;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SpanStatus;
import io.sentry.protocol.SentryId;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real sentry-java SDK sending to the kit's embedded server over a real socket. */
class SentrySdkOverEmbeddedServerTest {
  private ObsKit kit;
  private ErrorsModule errors;
  private EmbeddedHttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  private void start(ProjectConfig project, boolean sdk) {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), project);
    errors = kit.module(ErrorsModule.class);
    server = kit.serve(HttpServerConfig.builder().basePath("/obskit").build());
    if (sdk) {
      Sentry.init(options -> {
        options.setDsn("http://" + TestKits.KEY + "@127.0.0.1:" + server.address().getPort()
            + "/obskit/" + TestKits.PROJECT.value());
        options.setEnableUncaughtExceptionHandler(false);
        options.setEnableShutdownHook(false);
        options.setRelease("shop@1.0.0");
        options.setTracesSampleRate(1.0);
        options.addInAppInclude("dev.obskit.errors");
      });
    }
  }

  @AfterEach
  void tearDown() {
    Sentry.close();
    if (kit != null) {
      kit.close();
    }
  }

  static void orderSite(String message) {
    throw new IllegalStateException(message);
  }

  private static RuntimeException thrown(String message) {
    try {
      orderSite(message);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError();
  }

  private List<Issue> issues() {
    return errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first(100)).items();
  }

  @Test
  void sdk_eventsFromOneSite_areGroupedIntoOneIssue() {
    start(TestKits.project().build(), true);
    for (String m : List.of("Order 1 failed", "other text", "third")) {
      Sentry.captureException(thrown(m));
    }
    Sentry.flush(10_000);
    await().atMost(Duration.ofSeconds(20)).until(() -> errors.ingestHandler().stats().events() >= 3);
    assertThat(issues()).singleElement().extracting(Issue::count).isEqualTo(3L);
  }

  @Test
  void sdk_overQuota_honours429AndStopsSending() {
    start(TestKits.project().setMonthlyQuota(2).build(), true);
    for (int i = 0; i < 3; i++) {
      Sentry.captureException(thrown("x"));
      Sentry.flush(10_000);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> errors.ingestHandler().stats().rateLimited() >= 1);
    Sentry.captureException(thrown("after the limit"));
    Sentry.flush(5_000);
    assertThat(errors.ingestHandler().stats().events()).isEqualTo(2);
    assertThat(errors.ingestHandler().stats().rateLimited()).isEqualTo(1);
  }

  @Test
  void sdk_transactionAndAttachment_areStored() {
    start(TestKits.project().build(), true);
    ITransaction tx = Sentry.startTransaction("GET /cart", "http.server");
    tx.startChild("db.query", "select").finish();
    tx.finish(SpanStatus.OK);
    byte[] log = "payment declined\n".getBytes(StandardCharsets.UTF_8);
    SentryId id = Sentry.captureException(thrown("declined"),
        Hint.withAttachment(new Attachment(log, "payment.log", "text/plain")));
    Sentry.flush(10_000);
    await().atMost(Duration.ofSeconds(20)).until(() -> errors.items().transactionsStored() >= 1
        && errors.items().attachmentsStored() >= 1);
    assertThat(errors.items().transactions().byName(TestKits.TEAM, TestKits.PROJECT, "GET /cart", 10))
        .hasSize(1);
    List<StoredAttachment> stored = errors.items().attachments()
        .byEvent(TestKits.TEAM, TestKits.PROJECT, id.toString());
    assertThat(stored).singleElement().extracting(StoredAttachment::content).isEqualTo(log);
  }

  private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void store_gzipBodyWithQueryKey_isAccepted() throws Exception {
    start(TestKits.project().build(), false);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write("{\"message\":\"hello from curl\",\"platform\":\"other\"}".getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = post("/api/42/store/?sentry_key=" + TestKits.KEY, gz.toByteArray(),
        "Content-Encoding", "gzip", "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"id\":\"");
    assertThat(post("/api/42/store/?sentry_key=wrong", gz.toByteArray(), "Content-Encoding", "gzip")
        .statusCode()).isEqualTo(401);
    assertThat(post("/api/42/store/", gz.toByteArray()).statusCode()).isEqualTo(403);
  }

  @Test
  void envelope_declaredBodyOver20MiB_isRefusedWith413BeforeReading() throws Exception {
    start(TestKits.project().build(), false);
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST /obskit/api/42/envelope/?sentry_key=" + TestKits.KEY
          + " HTTP/1.1\r\nHost: x\r\nContent-Length: 30000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void cors_preflightFromUnknownOrigin_isRefusedWithoutCorsHeaders() throws Exception {
    start(TestKits.project().build(), false);
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
            + "/api/42/envelope/")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
