package dev.obskit.errors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.LogEntry;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueStatus;
import dev.obskit.errors.tracker.LinearClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Linear webhook route on the kit's embedded server resolves the linked issue. */
class TrackerWebhookRoutesTest {
  private static final String SECRET = "lin-wh-secret";
  private final ManualClock clock = ManualClock.startingAt(TestKits.START);
  private final HttpClient client = HttpClient.newHttpClient();
  private ObsKit kit;
  private HttpServer linear;

  @AfterEach
  void tearDown() {
    if (linear != null) {
      linear.stop(0);
    }
    if (kit != null) {
      kit.close();
    }
  }

  private ObsKit kit(Map<String, String> config) {
    ErrorsConfig errors = ErrorsConfig.builder().addProject(TestKits.project().build())
        .setInstallGlobalTracker(false).build();
    return ObsKit.builder().setClock(clock).setIdGenerator(IdGenerator.sequential("id"))
        .setConfig(ConfigProperties.of(config))
        .addModule(ctx -> ErrorsModule.create(ctx, errors)).build().start();
  }

  private HttpResponse<String> post(EmbeddedHttpServer server, String path, String body,
      String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.address().getPort() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void linearWebhookRoute_signedCompletedDelivery_resolvesTheLinkedIssue_forgedOne401() throws Exception {
    kit = kit(Map.of("obs.errors.linear.webhook-secret", SECRET));
    ErrorsModule errors = kit.module(ErrorsModule.class);
    EmbeddedHttpServer server = kit.serve(HttpServerConfig.builder().build());
    Issue issue = errors.processor().process(errors.projects().find(TestKits.PROJECT).orElseThrow(),
        ErrorEvent.builder().timestamp(TestKits.START).logEntry(LogEntry.formatted("Checkout failed"))
            .build()).update().issue();

    linear = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    linear.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] out = ("{\"data\":{\"issueCreate\":{\"success\":true,\"issue\":{\"id\":\"lin-1\","
          + "\"identifier\":\"ENG-1\",\"url\":\"https://linear.app/x/ENG-1\"}}}}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    linear.start();
    errors.trackerLinks().link(TestKits.TEAM, issue.id(), LinearClient.create(
        URI.create("http://127.0.0.1:" + linear.getAddress().getPort() + "/graphql"), "k", "t",
        Duration.ofSeconds(5)));

    String done = "{\"action\":\"update\",\"type\":\"Issue\",\"data\":{\"id\":\"lin-1\",\"state\":"
        + "{\"type\":\"completed\"}},\"webhookTimestamp\":" + clock.millis() + "}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = HexFormat.of().formatHex(mac.doFinal(done.getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> forged = post(server, "/errors/webhooks/linear", done, "Linear-Signature", "00" + signature.substring(2));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(errors.issues().find(TestKits.TEAM, issue.id()).orElseThrow().status()).isEqualTo(IssueStatus.UNRESOLVED);

    HttpResponse<String> ok = post(server, "/errors/webhooks/linear", done, "Linear-Signature", signature);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"outcome\":\"resolved\"}");
    assertThat(errors.issues().find(TestKits.TEAM, issue.id()).orElseThrow().status()).isEqualTo(IssueStatus.RESOLVED);

    // No Jira secret configured: no Jira route, so no unauthenticated resolution.
    assertThat(post(server, "/errors/webhooks/jira", "{}").statusCode()).isEqualTo(404);
  }
}
