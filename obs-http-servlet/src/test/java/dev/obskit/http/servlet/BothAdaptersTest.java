package dev.obskit.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.EmbeddedHttpServer;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpServerConfig;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.heartbeat.Heartbeat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One request table through both adapters: the JDK embedded server and this servlet in a real
 * Tomcat. Each row has its expected status (from the route contracts); both adapters must give it
 * and the same body.
 */
class BothAdaptersTest {
  private static final String KEY = "publickey";
  private static final String API_TOKEN = "api-token-of-team-t-0123";
  @TempDir
  static Path tomcatDir;
  private static ObsKit kit;
  private static EmbeddedHttpServer jdk;
  private static Tomcat tomcat;

  private record Row(int status, String method, String target, String body, String... headers) {
    /** The container itself refuses these before any adapter runs: its own body, same status. */
    boolean containerAnswers() {
      return target.contains("%00") || target.contains("%zz");
    }
  }

  private static final String EVENT = "{\"event_id\":\"0123456789abcdef0123456789abcdef\","
      + "\"message\":\"hello\",\"platform\":\"java\"}";

  private static final List<Row> TABLE = List.of(
      new Row(200, "GET", "/hello/w%C3%B6rld?x=1", null),
      new Row(200, "HEAD", "/hello/a", null),
      new Row(404, "GET", "/nothing/here", null),
      new Row(405, "DELETE", "/hello/a", null),
      new Row(204, "OPTIONS", "/hello/a", null),
      new Row(400, "GET", "/hello/a%00b", null),
      new Row(400, "GET", "/hello/x?a=%zz", null),
      new Row(413, "POST", "/echo", "x".repeat(101)),
      new Row(200, "POST", "/echo", "x".repeat(100)),
      new Row(500, "GET", "/boom", null),
      new Row(401, "GET", "/forbidden", null),
      new Row(200, "GET", "/health", null),
      new Row(200, "GET", "/heartbeats/nightly-job", null),
      new Row(200, "POST", "/heartbeats/nightly-job/0", "ok"),
      new Row(200, "POST", "/heartbeats/nightly-job/fail", "disk full"),
      new Row(404, "POST", "/heartbeats/no-such-job", null),
      new Row(400, "GET", "/heartbeats/nightly-job/999", null),
      new Row(200, "POST", "/api/42/store/?sentry_key=" + KEY, EVENT, "Content-Type", "application/json"),
      new Row(401, "POST", "/api/42/store/?sentry_key=wrong", EVENT),
      new Row(403, "POST", "/api/42/envelope/", EVENT),
      new Row(403, "OPTIONS", "/api/42/envelope/", null, "Origin", "https://evil.example"),
      new Row(200, "OPTIONS", "/api/42/envelope/", null, "Origin", "https://shop.example"),
      new Row(403, "GET", "/incidents/t/inc-1/acknowledge?token=0.9999999999.bad", null),
      new Row(403, "POST", "/incidents/t/inc-1/resolve", ""),
      new Row(404, "GET", "/incidents/t/inc-1/delete?token=x", null),
      new Row(404, "GET", "/calendars/t/primary/feed.ics?token=wrong", null),
      new Row(401, "GET", "/api/v1/teams/t/incidents", null),
      new Row(401, "GET", "/api/v1/teams/t/monitors", null, "Authorization", "Bearer wrong-token-0123456789"),
      new Row(200, "GET", "/api/v1/teams/t/incidents", null, "Authorization", "Bearer " + API_TOKEN),
      new Row(200, "GET", "/api/v1/teams/t/monitors", null, "Authorization", "Bearer " + API_TOKEN),
      new Row(200, "GET", "/api/v1/teams/t/issues", null, "Authorization", "Bearer " + API_TOKEN));

  @BeforeAll
  static void start() throws Exception {
    ManualClock clock = ManualClock.startingAt("2026-03-08T00:00:00Z");
    kit = ObsKit.builder().setClock(clock)
        .setConfig(ConfigProperties.of(Map.of("obs.errors.cors.allowed-origins", "https://shop.example",
            "obs.http.api.tokens", "t=" + API_TOKEN)))
        .addModule(ctx -> {
          ctx.routes().add(RouteGroup.of("test",
              Route.get("/hello/{name}", r -> HttpResponse.text("hi " + r.pathVariable("name").orElseThrow())),
              Route.post("/echo", r -> HttpResponse.bytes("text/plain", r.bodyBytes())).withMaxBodyBytes(100),
              Route.get("/boom", r -> {
                throw new IllegalStateException("internal secret");
              }),
              Route.get("/forbidden", r -> {
                throw new dev.obskit.core.http.HttpStatusException(401, "missing token");
              })));
          return () -> "test";
        })
        .addModule(ctx -> UptimeModule.create(ctx, UptimeConfig.builder().setDriverEnabled(false)
            .addHeartbeat(Heartbeat.of(MonitorId.of("nightly-job"), TeamId.of("t"), "job",
                Duration.ofHours(24), Duration.ofHours(1))).build()))
        .addModule(ctx -> ErrorsModule.create(ctx, ErrorsConfig.builder().setInstallGlobalTracker(false)
            .addProject(ProjectConfig.builder(ProjectId.of("42"), TeamId.of("t")).addPublicKey(KEY).build())
            .build()))
        .addModule(ctx -> dev.obskit.incidents.IncidentsModule.create(ctx, dev.obskit.incidents.IncidentsConfig
            .builder().setDriverEnabled(false)
            .setLinkSecret("link-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build()))
        .build().start();
    jdk = kit.serve(HttpServerConfig.builder().basePath("/obskit").build());
    tomcat = new Tomcat();
    tomcat.setBaseDir(tomcatDir.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "obskit", new ObsKitServlet(kit::router, null));
    context.addServletMappingDecoded("/obskit/*", "obskit");
    tomcat.start();
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    kit.close();
  }

  private record Answer(int status, String body) {}

  /** Sends {@code row} over a raw socket (HTTP/1.1, Connection: close) and reads the answer. */
  private static Answer send(int port, Row row) throws Exception {
    byte[] body = row.body() == null ? new byte[0] : row.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(row.method() + " /obskit" + row.target() + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nConnection: close\r\n");
    for (int i = 0; i < row.headers().length; i += 2) {
      head.append(row.headers()[i]).append(": ").append(row.headers()[i + 1]).append("\r\n");
    }
    if (row.body() != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(body);
      s.getOutputStream().flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      int status = Integer.parseInt(in.readLine().split(" ")[1]);
      boolean chunked = false;
      for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
        chunked |= l.toLowerCase().startsWith("transfer-encoding: chunked");
      }
      StringBuilder rest = new StringBuilder();
      for (int c = in.read(); c >= 0; c = in.read()) {
        rest.append((char) c);
      }
      return new Answer(status, chunked ? dechunk(rest.toString()) : rest.toString());
    }
  }

  private static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int eol = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(s, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }

  @Test
  void requestTable_sameStatusAndBodyThroughBothAdapters() throws Exception {
    int tomcatPort = tomcat.getConnector().getLocalPort();
    List<String> mismatches = new ArrayList<>();
    for (Row row : TABLE) {
      Answer a = send(jdk.address().getPort(), row);
      Answer b = send(tomcatPort, row);
      String what = row.method() + " " + row.target();
      if (a.status() != row.status() || b.status() != row.status()) {
        mismatches.add(what + ": expected " + row.status() + ", jdk " + a.status() + ", servlet " + b.status());
      } else if (!row.containerAnswers() && !a.body().equals(b.body())) {
        mismatches.add(what + ": bodies differ: jdk '" + a.body() + "' servlet '" + b.body() + "'");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void internalError_bodyHasNoInternalDetail_inEitherAdapter() throws Exception {
    Row boom = new Row(500, "GET", "/boom", null);
    assertThat(send(jdk.address().getPort(), boom).body()).isEqualTo("{\"error\":\"internal error\"}");
    assertThat(send(tomcat.getConnector().getLocalPort(), boom).body())
        .isEqualTo("{\"error\":\"internal error\"}");
  }
}
