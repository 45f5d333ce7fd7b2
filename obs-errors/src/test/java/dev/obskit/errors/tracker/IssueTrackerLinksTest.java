package dev.obskit.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Linear and Jira against local fake servers that check the exact requests; webhooks resolve. */
class IssueTrackerLinksTest {
  private static final String SECRET = "whsec-test";

  /** One request as the fake server received it. */
  record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

  private final ManualClock clock = ManualClock.startingAt(TestKits.START);
  private final AtomicReference<Seen> seen = new AtomicReference<>();
  private HttpServer server;
  private ObsKit kit;
  private ErrorsModule errors;
  private IssueTrackerLinks links;
  private Issue issue;

  @BeforeEach
  void setUp() {
    kit = TestKits.kit(clock, TestKits.project().build());
    errors = kit.module(ErrorsModule.class);
    links = new IssueTrackerLinks(errors.issues(), errors.events(), clock, "https://obs.acme/errors/issues/");
    ProjectConfig project = errors.projects().find(TestKits.PROJECT).orElseThrow();
    ErrorEvent e = ErrorEvent.builder().timestamp(TestKits.START).exceptions(List.of(new ExceptionValue(
        "PaymentException", "card declined", "com.shop", List.of(
            StackFrame.java("java.lang.Thread", "run", "Thread.java", 840, null),
            StackFrame.java("com.shop.Checkout", "pay", "Checkout.java", 42, true)),
        "generic", false, null))).build();
    issue = errors.processor().process(project, e).update().issue();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.stop(0);
    }
    kit.close();
  }

  private URI serve(int status, String reply) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      seen.set(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders(),
          new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] out = reply.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void linear_issueCreate_exactGraphqlRequest_linkKept_completedWebhookResolves() throws Exception {
    URI base = serve(200, "{\"data\":{\"issueCreate\":{\"success\":true,\"issue\":{\"id\":\"9f3c-uuid\","
        + "\"identifier\":\"ENG-12\",\"url\":\"https://linear.app/acme/issue/ENG-12\"}}}}");
    LinearClient client = LinearClient.create(base.resolve("/graphql"), "lin_api_key", "team-uuid",
        Duration.ofSeconds(5));
    TrackerLink link = links.link(TestKits.TEAM, issue.id(), client);

    assertThat(link).isEqualTo(new TrackerLink("linear", "9f3c-uuid", "ENG-12",
        "https://linear.app/acme/issue/ENG-12"));
    assertThat(links.links(TestKits.TEAM, issue.id())).containsExactly(link);
    Seen r = seen.get();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/graphql");
    assertThat(r.headers().get("Authorization")).containsExactly("lin_api_key");
    assertThat(r.headers().get("Content-type")).containsExactly("application/json");
    Object json = TrackerJson.read(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(TrackerJson.text(json, "query")).isEqualTo(LinearClient.MUTATION).contains("issueCreate(input: $input)");
    assertThat(TrackerJson.text(json, "variables", "input", "teamId")).isEqualTo("team-uuid");
    assertThat(TrackerJson.text(json, "variables", "input", "title")).isEqualTo("PaymentException: card declined");
    assertThat(TrackerJson.text(json, "variables", "input", "description"))
        .contains("Culprit: com.shop.Checkout in pay")
        .contains("ObsKit: https://obs.acme/errors/issues/" + issue.id().value())
        .contains("at com.shop.Checkout.pay(Checkout.java:42)");

    String started = "{\"action\":\"update\",\"type\":\"Issue\",\"data\":{\"id\":\"9f3c-uuid\","
        + "\"state\":{\"type\":\"started\",\"name\":\"In Progress\"}},\"webhookTimestamp\":"
        + clock.millis() + "}";
    assertThat(links.onLinearWebhook(started.getBytes(StandardCharsets.UTF_8), hmac(started), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.IGNORED);
    String done = started.replace("\"started\",\"name\":\"In Progress\"", "\"completed\",\"name\":\"Done\"");
    // A forged or stale delivery changes nothing.
    assertThat(links.onLinearWebhook(done.getBytes(StandardCharsets.UTF_8), hmac(done + " "), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.REJECTED);
    clock.advance(Duration.ofMinutes(5));
    assertThat(links.onLinearWebhook(done.getBytes(StandardCharsets.UTF_8), hmac(done), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.REJECTED);
    assertThat(errors.issues().find(TestKits.TEAM, issue.id()).orElseThrow().status()).isEqualTo(IssueStatus.UNRESOLVED);

    String fresh = done.replace(Long.toString(TestKits.START.toEpochMilli()), Long.toString(clock.millis()));
    assertThat(links.onLinearWebhook(fresh.getBytes(StandardCharsets.UTF_8), hmac(fresh), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.RESOLVED);
    assertThat(errors.issues().find(TestKits.TEAM, issue.id()).orElseThrow().status()).isEqualTo(IssueStatus.RESOLVED);
  }

  @Test
  void linear_refusal_namedInTheException() throws Exception {
    URI base = serve(200, "{\"errors\":[{\"message\":\"Entity not found: Team\"}]}");
    LinearClient client = LinearClient.create(base, "k", "nope", Duration.ofSeconds(5));
    assertThatThrownBy(() -> links.link(TestKits.TEAM, issue.id(), client))
        .isInstanceOf(TrackerException.class).hasMessageContaining("Entity not found: Team");
    assertThat(links.links(TestKits.TEAM, issue.id())).isEmpty();
  }

  @Test
  void jira_createIssue_exactRestV3RequestWithAdf_doneWebhookResolves() throws Exception {
    URI base = serve(201, "{\"id\":\"10042\",\"key\":\"OPS-7\",\"self\":\"http://x/rest/api/3/issue/10042\"}");
    JiraClient client = JiraClient.create(base, "bot@acme.io", "tok3n", "OPS", "Bug", Duration.ofSeconds(5));
    TrackerLink link = links.link(TestKits.TEAM, issue.id(), client);
    assertThat(link).isEqualTo(new TrackerLink("jira", "10042", "OPS-7", base + "/browse/OPS-7"));

    Seen r = seen.get();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/rest/api/3/issue");
    assertThat(r.headers().get("Authorization")).containsExactly("Basic "
        + java.util.Base64.getEncoder().encodeToString("bot@acme.io:tok3n".getBytes(StandardCharsets.UTF_8)));
    Object json = TrackerJson.read(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(TrackerJson.text(json, "fields", "project", "key")).isEqualTo("OPS");
    assertThat(TrackerJson.text(json, "fields", "issuetype", "name")).isEqualTo("Bug");
    assertThat(TrackerJson.text(json, "fields", "summary")).isEqualTo("PaymentException: card declined");
    assertThat(TrackerJson.text(json, "fields", "description", "type")).isEqualTo("doc");
    assertThat(TrackerJson.at(json, "fields", "description", "version")).isEqualTo("1");
    List<?> content = (List<?>) TrackerJson.at(json, "fields", "description", "content");
    assertThat(TrackerJson.text(content.get(0), "type")).isEqualTo("paragraph");
    Object code = content.get(content.size() - 1);
    assertThat(TrackerJson.text(code, "type")).isEqualTo("codeBlock");
    assertThat(TrackerJson.text(((List<?>) TrackerJson.at(code, "content")).get(0), "text"))
        .contains("at com.shop.Checkout.pay(Checkout.java:42)");

    String inProgress = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"id\":\"10042\",\"key\":\"OPS-7\","
        + "\"fields\":{\"status\":{\"name\":\"In Progress\",\"statusCategory\":{\"key\":\"indeterminate\"}}}}}";
    assertThat(links.onJiraWebhook(inProgress.getBytes(StandardCharsets.UTF_8), "sha256=" + hmac(inProgress), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.IGNORED);
    String done = inProgress.replace("\"In Progress\",\"statusCategory\":{\"key\":\"indeterminate\"}",
        "\"Done\",\"statusCategory\":{\"key\":\"done\"}");
    assertThat(links.onJiraWebhook(done.getBytes(StandardCharsets.UTF_8), null, SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.REJECTED);
    assertThat(links.onJiraWebhook(done.getBytes(StandardCharsets.UTF_8), "sha256=" + hmac(done), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.RESOLVED);
    assertThat(errors.issues().find(TestKits.TEAM, issue.id()).orElseThrow().status()).isEqualTo(IssueStatus.RESOLVED);
    String other = done.replace("10042", "99999");
    assertThat(links.onJiraWebhook(other.getBytes(StandardCharsets.UTF_8), "sha256=" + hmac(other), SECRET))
        .isEqualTo(IssueTrackerLinks.WebhookOutcome.UNKNOWN_ISSUE);
  }

  @Test
  void jira_refusal_namedInTheException() throws Exception {
    URI base = serve(400, "{\"errorMessages\":[],\"errors\":{\"project\":\"valid project is required\"}}");
    JiraClient client = JiraClient.create(base, "a@b.c", "t", "NOPE", "Bug", Duration.ofSeconds(5));
    assertThatThrownBy(() -> links.link(TestKits.TEAM, issue.id(), client))
        .isInstanceOf(TrackerException.class).hasMessageContaining("HTTP 400").hasMessageContaining("valid project is required");
  }
}
