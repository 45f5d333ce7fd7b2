package dev.obskit.samples.quickstart;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.incidents.IncidentsConfig;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.http.Router;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.chat.ChatRoutes;
import dev.obskit.incidents.chat.SlackRequestVerifier;
import dev.obskit.incidents.chat.SlackWorkflows;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.incidents.metrics.ResponseReport;
import dev.obskit.incidents.notify.RetryPolicy;
import dev.obskit.incidents.notify.SignedWebhookNotifier;
import dev.obskit.incidents.notify.SlackWebhookNotifier;
import dev.obskit.incidents.notify.WebhookSignature;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.OnCallModule;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.postmortem.PostmortemDraft;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * obs-incidents: the uptime section's failing-endpoint alert (or a demo alert) opens an incident,
 * which escalates per a demo policy to everyone on call in a demo schedule (a masked rotation and a
 * second rotation at the same priority level overlap, so two people are paged); signed webhook
 * notifications land on a local receiver (JDK HttpServer) and are printed with their signature
 * check; the Slack message lands on a local Slack fake, which "clicks" its Acknowledge button: a
 * signed {@code block_actions} request to the kit's Slack interactivity route acknowledges the
 * incident and the fake receives the reply on its response URL. Then the incident is resolved and
 * the postmortem draft is printed.
 */
final class IncidentsDemo implements DemoSection {
  private static final EscalationPolicyId POLICY = EscalationPolicyId.of("demo-policy");
  private static final ScheduleId SCHEDULE = ScheduleId.of("demo-primary");
  private static final byte[] SECRET = "demo-webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final String SLACK_SIGNING_SECRET = "demo-slack-signing-secret-0123";
  private static final Pattern BUTTON_VALUE = Pattern.compile(
      "\"action_id\":\"acknowledge\".*?\"value\":\"([^\"]*)\"");
  private static final Pattern TITLE = Pattern.compile("\"title\":\"([^\"]*)\"");
  private static final Pattern TITLE_SLACK = Pattern.compile("\"text\":\"([^\"]*)\"");
  private static final Pattern RECIPIENT = Pattern.compile("\"recipient\":\"([^\"]*)\"");

  private final List<String> deliveries = new CopyOnWriteArrayList<>();
  private final List<String> slackMessages = new CopyOnWriteArrayList<>();
  private final List<String> slackResponses = new CopyOnWriteArrayList<>();
  private String receiverBase;
  private HttpServer receiver;
  private int printed;

  @Override
  public String title() {
    return "obs-incidents: alert -> incident -> escalation to on-call -> ack -> resolve -> postmortem";
  }

  @Override
  public void addModules(ObsKitBuilder builder, DemoEnvironment env) {
    String base = startReceiver(env);
    builder.addModule(ctx -> {
      OnCallModule onCall = OnCallModule.create(ctx);
      java.time.LocalDate today = env.clock().instant().atZone(ZoneOffset.UTC).toLocalDate();
      java.time.DayOfWeek day = today.getDayOfWeek();
      // "Weekdays" is masked to today and tomorrow, each group covering 2 masked days: alice now.
      // "Backup" is a second rotation at the same priority level: bob is on call too, both paged.
      onCall.schedules().create(Schedule.builder(env.team(), SCHEDULE).setName("Demo primary")
          .addLayer("Weekdays", 1, Rotation.builder().setZone("UTC")
              .setStart(today, LocalTime.MIDNIGHT).setFrequency(Frequency.DAILY).setInterval(2)
              .setByDay(day, day.plus(1)).addUsers(UserId.of("alice"), UserId.of("dave")).build())
          .addLayer("Backup", 1, Rotation.builder().setZone("UTC")
              .setStart(today.minusDays(1), LocalTime.of(9, 0))
              .setFrequency(Frequency.WEEKLY).addUsers(UserId.of("bob")).build())
          .build());
      return onCall;
    });
    builder.addModule(ctx -> {
      IncidentsModule m = IncidentsModule.create(ctx, IncidentsConfig.builder()
          .setDriverEnabled(false) // the demo drives time itself and calls tick()
          .setLinkBaseUrl("http://localhost:8080/obskit/incidents")
          .setRetryPolicy(new RetryPolicy(3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100)))
          .addNotifier(new SignedWebhookNotifier(SECRET, ctx.clock()))
          .addNotifier(new SlackWebhookNotifier()).build());
      configure(m, env.team(), base);
      return m;
    });
  }

  private String startReceiver(DemoEnvironment env) {
    try {
      receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("demo webhook receiver could not bind", e);
    }
    WebhookSignature verifier = new WebhookSignature(SECRET);
    receiver.createContext("/page", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      WebhookSignature.Verification v = verifier.verify(
          ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
          ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body,
          env.clock().instant(), WebhookSignature.DEFAULT_TOLERANCE);
      String json = new String(body, StandardCharsets.UTF_8);
      deliveries.add(String.format("POST %-12s signature %-5s to %-6s %s", ex.getRequestURI().getPath(),
          v, find(RECIPIENT, json), find(TITLE, json)));
      ex.sendResponseHeaders(v.isValid() ? 204 : 401, -1);
      ex.close();
    });
    // The Slack fake: incoming-webhook messages and response_url replies.
    receiver.createContext("/slack/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      (ex.getRequestURI().getPath().startsWith("/slack/response") ? slackResponses : slackMessages)
          .add(body);
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
    receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
    return receiverBase + "/page/";
  }

  private static void configure(IncidentsModule m, TeamId team, String base) {
    for (String user : List.of("alice", "bob", "carol", "dave")) {
      String name = Character.toUpperCase(user.charAt(0)) + user.substring(1);
      m.responders().put(new Responder(UserId.of(user), team, name,
          List.of(ContactMethod.always(ChannelKind.WEBHOOK, base + user))));
    }
    m.policies().add(EscalationPolicy.builder(team, POLICY, "Demo: on-call, then the manager")
        .addStep(Duration.ofMinutes(5), new EscalationTarget.OnCall(SCHEDULE),
            new EscalationTarget.Webhook(ChannelKind.SLACK, base.replace("/page/", "/slack/webhook"),
                "#demo-incidents"))
        .addStep(Duration.ofMinutes(10), new EscalationTarget.User(UserId.of("carol")))
        .setRepeatCount(1).build());
    // Uptime monitors (and this section's own demo alert) page through the demo policy; the service
    // wants a human to resolve, so the monitor's recovery is recorded but does not close it.
    ServiceId website = ServiceId.of("demo-website");
    m.catalog().add(Service.of(team, website, "Website", POLICY)
        .withRunbook("https://runbooks.example/website").withAutoResolve(false));
    m.catalog().mapSourcePrefix(team, "obs-uptime/", website);
    m.catalog().mapSourcePrefix(team, "demo/", website);
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) throws Exception {
    try {
      story(kit, env, out);
    } finally {
      receiver.stop(0);
    }
  }

  private void story(ObsKit kit, DemoEnvironment env, PrintStream out) throws InterruptedException {
    IncidentsModule incidents = kit.module(IncidentsModule.class);
    Object fact = env.facts().get("uptime.failingDedupKey");
    String key = fact == null ? null : fact.toString();
    Incident incident = key == null ? null : latest(incidents, env.team(), key);
    if (incident == null) {
      key = "demo:checkout-api";
      out.println("  (no uptime alert found; raising a demo alert " + key + ")");
      kit.context().alerts().trigger(Alert.builder(env.team(), key).setSource("demo/checkout-api")
          .setComponent("checkout-api").setSeverity(AlertSeverity.CRITICAL)
          .setSummary("checkout-api: HTTP 503 on /health").build());
      incident = latest(incidents, env.team(), key);
    }
    out.printf("  incident %s opened %s: [%s] %s (%d alert(s), status %s)%n", incident.id(),
        incident.createdAt(), incident.severity(), incident.title(), incident.alertCount(),
        incident.status());
    out.println("  on call now for " + SCHEDULE + ": " + kit.context().lookup(
        dev.obskit.incidents.oncall.OnCallDirectory.class).map(d -> d.whoIsOnCall(env.team(),
        SCHEDULE, env.clock().instant())).orElse(List.of()));
    printDeliveries(out, incidents);

    env.clock().advance(Duration.ofMinutes(5));
    out.println("  +5 min, nobody acknowledged: tick -> " + incidents.tick());
    printDeliveries(out, incidents);

    env.clock().advance(Duration.ofMinutes(2));
    clickAcknowledgeInSlack(incidents, env, out);
    out.println("  alice acknowledges too: " + incidents.incidents()
        .acknowledge(env.team(), incident.id(), "user:alice").describe());
    env.clock().advance(Duration.ofMinutes(18));
    incidents.incidents().addNote(env.team(), incident.id(), "user:carol",
        "restarted the failing instance; error rate back to normal");
    out.println("  resolve: " + incidents.incidents().resolve(env.team(), incident.id(), "user:carol",
        "instance restarted").describe());
    awaitQuiet(incidents);

    Incident done = incidents.incidents().find(env.team(), incident.id()).orElseThrow();
    out.println("  timeline:");
    for (TimelineEntry e : done.timeline()) {
      out.printf("    #%-2d %s %-20s %s%n", e.sequence(), e.at(), e.type(), e.message());
    }
    ResponseReport team = incidents.metrics().forTeam(env.team(),
        env.clock().instant().minus(Duration.ofDays(30)), env.clock().instant().plusSeconds(1));
    out.printf("  team MTTA %s (p90 %s), MTTR %s (p90 %s) over %d incident(s) in 30 days%n",
        seconds(team.mtta()), seconds(team.timeToAcknowledge().p90()), seconds(team.mttr()),
        seconds(team.timeToResolve().p90()), team.incidents());
    PostmortemDraft draft = incidents.postmortem(env.team(), incident.id()).orElseThrow();
    out.println("  postmortem draft:");
    draft.markdown().lines().forEach(l -> out.println("    | " + l));
    env.facts().put("incidents.resolvedIncident", incident.id().value());
  }

  /**
   * The Slack fake takes the Acknowledge button from the message it received and sends what Slack
   * sends when someone clicks it: a signed {@code block_actions} request to the interactivity route,
   * served here by an embedded HTTP server over {@link ChatRoutes}.
   */
  private void clickAcknowledgeInSlack(IncidentsModule incidents, DemoEnvironment env,
      PrintStream out) throws InterruptedException {
    if (slackMessages.isEmpty()) {
      out.println("  (the Slack fake received no message)");
      return;
    }
    String message = slackMessages.get(0);
    out.println("  Slack fake <- message in #demo-incidents: " + find(TITLE_SLACK, message)
        + " [Acknowledge] [Resolve]");
    String value = find(BUTTON_VALUE, message);
    try (SlackWorkflows slack = SlackWorkflows.builder().setIncidents(incidents.incidents())
        .setTeam(env.team()).setSigningSecret(SLACK_SIGNING_SECRET).setClock(env.clock())
        .setResponseUrlPrefix(receiverBase + "/slack/response").build();
        EmbeddedHttpServer server = EmbeddedHttpServer.start(
            Router.builder().add(ChatRoutes.group(slack, null)).build(),
            HttpServerConfig.builder().port(0).build())) {
      String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0CAROL\",\"username\":\"carol\"},"
          + "\"response_url\":\"" + receiverBase + "/slack/response/T0DEMO/1\",\"actions\":[{"
          + "\"action_id\":\"acknowledge\",\"type\":\"button\",\"value\":\"" + value + "\"}]}";
      byte[] body = ("payload=" + java.net.URLEncoder.encode(payload, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
      String ts = Long.toString(env.clock().instant().getEpochSecond());
      String signature = new SlackRequestVerifier(SLACK_SIGNING_SECRET, env.clock()).signature(ts, body);
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl()
              + "/slack/interactivity")).header("X-Slack-Request-Timestamp", ts)
              .header("X-Slack-Signature", signature)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .timeout(Duration.ofSeconds(10))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      out.println("  Slack fake: carol clicks Acknowledge -> POST /slack/interactivity (v0 signed) -> "
          + r.statusCode() + " " + r.body());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (slackResponses.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10); // bounded wait for the reply to reach the local fake
      }
      out.println("  Slack fake <- response_url: " + (slackResponses.isEmpty() ? "(none)"
          : slackResponses.get(0)));
    } catch (java.io.IOException e) {
      out.println("  Slack click failed: " + e.getClass().getSimpleName());
    }
  }

  private static Object seconds(Duration d) {
    return d == null ? "n/a" : d.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static Incident latest(IncidentsModule m, TeamId team, String key) {
    return m.incidents().repository().listAll(team, IncidentQuery.all()).stream()
        .filter(i -> i.dedupKey().equals(key)).max(Comparator.comparing(Incident::createdAt))
        .orElse(null);
  }

  private void printDeliveries(PrintStream out, IncidentsModule m) throws InterruptedException {
    awaitQuiet(m); // before the demo moves its clock, so timeline times are the delivery times
    for (; printed < deliveries.size(); printed++) {
      out.println("  webhook receiver <- " + deliveries.get(printed));
    }
  }

  private static void awaitQuiet(IncidentsModule m) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (m.dispatcher().pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10); // bounded wait for the demo's own local deliveries
    }
  }

  private static String find(Pattern p, String json) {
    Matcher m = p.matcher(json);
    return m.find() ? m.group(1) : "?";
  }
}
