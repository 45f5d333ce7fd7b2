package dev.obskit.spring.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.PageRequest;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.StoredEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A real Tomcat on a random port, the whole starter on, requests over a real socket. */
@SpringBootTest(classes = ShopTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"obs.errors.project=shop", "obs.errors.team=acme", "obs.uptime.enabled=false",
        "management.endpoints.web.exposure.include=health,obskit,metrics",
        "management.endpoint.health.show-details=always"})
class ErrorCaptureWebTests {
  private static final TeamId ACME = TeamId.of("acme");

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws Exception {
    registry.add("obs.data-dir", () -> tempDir());
  }

  private static String tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("obs-boot").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  ObsKit kit;
  @Autowired
  ErrorTracker tracker;

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<Issue> issues() {
    tracker.flush(Duration.ofSeconds(5));
    return kit.module(ErrorsModule.class).issues()
        .list(ACME, ProjectId.of("shop"), PageRequest.first(100)).items();
  }

  private Issue issueWithTitle(String text) {
    return issues().stream().filter(i -> i.title().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no issue containing '" + text + "' in " + issues()));
  }

  @Test
  void unhandledControllerException_becomesAnIssueWithTheRequest_andTheResponseIsUnchanged()
      throws Exception {
    HttpResponse<String> response = get("/orders/42?token=secret");
    // Boot's own error handling still answers: 500 with its JSON error body.
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("\"status\":500").contains("/orders/42");

    Issue issue = issueWithTitle("IllegalStateException");
    StoredEvent event = kit.module(ErrorsModule.class).events().latest(ACME, issue.id(), 1).get(0);
    assertThat(event.event().transaction()).isEqualTo("GET /orders/42");
    assertThat(event.event().tags()).containsEntry("http.method", "GET")
        .containsEntry("url", "http://127.0.0.1:" + port + "/orders/42");
    // The query string (here a token) is never put on the event.
    assertThat(event.event().tags().values()).noneMatch(v -> v.contains("secret"));
  }

  @Test
  void exceptionHandledByTheApp_isCaptured_andTheAppsResponseStands() throws Exception {
    HttpResponse<String> response = get("/checkout/sku-1");
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).isEqualTo("sorry");
    assertThat(issueWithTitle("OutOfStock").count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void asyncFailure_isCapturedThroughTheErrorLog() throws Exception {
    assertThat(get("/reindex").body()).isEqualTo("started");
    // The job fails on Spring's task executor after the response; wait for its capture.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(issueWithTitle("UnsupportedOperationException").culprit()).isNotBlank());
  }

  @Test
  void actuatorHealth_hasOneIndicatorPerModule() throws Exception {
    HttpResponse<String> response = get("/actuator/health/obskit");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"errors\"").contains("\"incidents\"")
        .contains("\"billing\"").contains("\"status\":\"UP\"");
    assertThat(get("/actuator/health/obskit/errors").body()).startsWith("{\"status\":\"UP\"");
  }

  @Test
  void actuatorObskitEndpoint_summarisesTheKit() throws Exception {
    HttpResponse<String> response = get("/actuator/obskit");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"modules\"").contains("\"errors\":{")
        .contains("\"openIncidents\":[");
  }

  @Test
  void meters_areOnTheApplicationsRegistry() throws Exception {
    get("/orders/7");
    tracker.flush(Duration.ofSeconds(5));
    HttpResponse<String> health = get("/actuator/metrics/obskit.module.health?tag=module:errors");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"value\":0.0");
    HttpResponse<String> captured = get("/actuator/metrics/obskit.errors.captures?tag=outcome:captured");
    assertThat(captured.statusCode()).isEqualTo(200);
    assertThat(captured.body()).doesNotContain("\"value\":0.0");
  }
}
