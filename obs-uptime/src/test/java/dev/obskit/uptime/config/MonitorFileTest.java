package dev.obskit.uptime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.UptimeConfig;
import dev.obskit.uptime.check.DnsSpec;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.PingSpec;
import dev.obskit.uptime.check.UdpSpec;
import dev.obskit.uptime.maintenance.RecurringWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import dev.obskit.uptime.check.DatabaseSpec;
import dev.obskit.uptime.check.JourneySpec;
import dev.obskit.uptime.check.JourneyStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorFileTest {
  static final String YAML = """
      team: acme
      monitors:
        - id: api
          name: Public API
          type: http
          url: https://api.example.com/health
          method: POST
          body: '{"probe": true}'
          headers:
            Accept: application/json
          expectedStatus: [200, 204]
          keyword: '"status":"ok"'
          frequency: 30s
          timeout: 5s
          confirmation: 1m
          recovery: 3m
          certificateExpiryDays: [30, 7]
          group: core
          maintenance:
            - days: [sat, sun]
              from: "01:00"
              to: "03:00"
              timezone: Europe/Berlin
        - id: db
          type: tcp
          host: 127.0.0.1
          port: 5432
          frequency: 60
        - id: resolver
          type: dns
          name: example.com
          recordType: A
          server: 1.1.1.1
          expected: [93.184.216.34]
        - id: mx
          type: smtp
          host: mail.example.com
          port: 587
          tls: starttls
        - id: gw
          type: ping
          host: 10.0.0.1
          mode: tcp
          port: 22
      heartbeats:
        - id: nightly-backup
          name: Nightly backup
          period: 24h
          grace: 1h
      """;

  @Test
  void parse_fullExample_buildsEveryMonitor() {
    MonitorFile.Contents c = MonitorFile.parse(YAML, false, "monitors.yaml", Optional.empty());
    assertThat(c.monitors()).extracting(m -> m.id().value())
        .containsExactly("api", "db", "resolver", "mx", "gw");
    Monitor api = c.monitors().get(0);
    HttpSpec http = (HttpSpec) api.spec();
    assertThat(api.teamId()).isEqualTo(TeamId.of("acme"));
    assertThat(http.method()).isEqualTo("POST");
    assertThat(http.expectedStatusCodes()).containsExactly(200, 204);
    assertThat(http.headers()).containsEntry("Accept", "application/json");
    assertThat(api.frequency()).isEqualTo(Duration.ofSeconds(30));
    assertThat(api.recoveryPeriod()).isEqualTo(Duration.ofMinutes(3));
    assertThat(api.certificateExpiry().days()).containsExactly(30, 7);
    assertThat(api.maintenance()).singleElement().isInstanceOf(RecurringWindow.class);
    assertThat(api.inMaintenance(Instant.parse("2026-03-07T00:30:00Z"))).isTrue(); // Sat 01:30 CET
    assertThat(c.monitors().get(1).frequency()).isEqualTo(Duration.ofMinutes(1));
    assertThat(((DnsSpec) c.monitors().get(2).spec()).expectedAnswers())
        .containsExactly("93.184.216.34");
    assertThat(((MailSpec) c.monitors().get(3).spec()).tls()).isEqualTo(MailSpec.TlsMode.STARTTLS);
    assertThat(((PingSpec) c.monitors().get(4).spec()).mode()).isEqualTo(PingSpec.Mode.TCP_CONNECT);
    assertThat(c.heartbeats()).singleElement().satisfies(h -> {
      assertThat(h.period()).isEqualTo(Duration.ofHours(24));
      assertThat(h.grace()).isEqualTo(Duration.ofHours(1));
    });
  }

  @Test
  void parse_udp_buildsSpec_andNamesABadPattern() {
    String yaml = """
        team: acme
        monitors:
          - {id: ntp-like, type: udp, host: 127.0.0.1, port: 5353, payload: PING, expect: '^PONG'}
          - {id: bad, type: udp, host: 127.0.0.1, port: 5353, expect: 'PO(NG'}
        """;
    assertThatThrownBy(() -> MonitorFile.parse(yaml, false, "m.yaml", Optional.empty()))
        .isInstanceOfSatisfying(MonitorConfigException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> assertThat(p).startsWith("monitors[1] 'bad':")
                .contains("expect is not a valid pattern: 'PO(NG'")));
    String good = yaml.substring(0, yaml.indexOf("  - {id: bad"));
    assertThat(MonitorFile.parse(good, false, "m.yaml", Optional.empty()).monitors())
        .singleElement().satisfies(m -> assertThat(m.spec())
            .isEqualTo(new UdpSpec("127.0.0.1", 5353, "PING", "^PONG")));
  }

  @Test
  void parse_databaseAndJourney_buildSpecs_andNameABadStep() {
    String yaml = """
        team: acme
        monitors:
          - {id: db, type: database, url: 'jdbc:postgresql://db.internal:5432/app', user: probe,
             password: pw, query: select status from health, expectedValue: ok}
          - id: checkout
            type: journey
            timeout: 20s
            steps:
              - open: https://shop.example.com/
              - fill: {selector: "#email", text: probe@example.com}
              - click: "#buy"
              - waitForText: Thank you
          - {id: bad, type: journey, steps: [{open: 'https://a.example/'}, {hover: x}]}
        """;
    assertThatThrownBy(() -> MonitorFile.parse(yaml, false, "m.yaml", Optional.empty()))
        .isInstanceOfSatisfying(MonitorConfigException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> assertThat(p).startsWith("monitors[2] 'bad':")
                .contains("journey steps[1]: unknown step 'hover'")));
    String good = yaml.substring(0, yaml.indexOf("  - {id: bad"));
    List<Monitor> monitors = MonitorFile.parse(good, false, "m.yaml", Optional.empty())
        .monitors();
    assertThat(monitors.get(0).spec()).isEqualTo(new DatabaseSpec(
        "jdbc:postgresql://db.internal:5432/app", "probe", "pw", "select status from health",
        Optional.of("ok")));
    assertThat(monitors.get(1).spec()).isEqualTo(new JourneySpec("checkout", List.of(
        JourneyStep.open("https://shop.example.com/"),
        JourneyStep.fill("#email", "probe@example.com"), JourneyStep.click("#buy"),
        JourneyStep.waitForText("Thank you"))));
    assertThat(monitors.get(1).timeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void parse_json_works() {
    String json = """
        {"team": "acme", "monitors": [
          {"id": "web", "type": "http", "url": "http://localhost:8080/", "frequency": "2m"}]}
        """;
    assertThat(MonitorFile.parse(json, true, "m.json", Optional.empty()).monitors())
        .singleElement().satisfies(m -> assertThat(m.frequency()).isEqualTo(Duration.ofMinutes(2)));
  }

  @Test
  void parse_errors_nameMonitorAndField_allAtOnce() {
    String bad = """
        team: acme
        monitors:
          - id: api
            type: http
            url: ftp://nope
          - id: db
            type: tcp
            host: 127.0.0.1
            port: 70000
          - id: fast
            type: tcp
            host: h
            port: 80
            frequency: 5s
            frequncy: 30s
          - id: db
            type: carrier-pigeon
        """;
    assertThatThrownBy(() -> MonitorFile.parse(bad, false, "monitors.yaml", Optional.empty()))
        .isInstanceOfSatisfying(MonitorConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("monitors[0] 'api': field 'url':")
                .contains("must be http or https"))
            .anySatisfy(p -> assertThat(p).startsWith("monitors[1] 'db':")
                .contains("port must be 1 to 65535, got 70000"))
            .anySatisfy(p -> assertThat(p).isEqualTo(
                "monitors[2] 'fast': field 'frequncy': unknown field"))
            .anySatisfy(p -> assertThat(p).startsWith("monitors[2] 'fast': field 'frequency':"))
            .anySatisfy(p -> assertThat(p).contains("duplicate id 'db'"))
            .anySatisfy(p -> assertThat(p).contains("unknown type 'carrier-pigeon'")));
  }

  @Test
  void parse_hostileInput_isRejectedClearly() {
    assertThatThrownBy(() -> MonitorFile.parse("monitors: [ {id: x", false, "f", Optional.empty()))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> MonitorFile.parse("- just\n- a list\n", false, "f", Optional.empty()))
        .hasMessageContaining("top level must be an object");
    assertThatThrownBy(() -> MonitorFile.parse("monitors: []\n", false, "f", Optional.empty()))
        .hasMessageContaining("field 'team': is required");
    String bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    assertThatThrownBy(() -> MonitorFile.parse(bomb, false, "bomb.yaml", Optional.empty()))
        .isInstanceOf(MonitorConfigException.class);
    assertThatThrownBy(() -> MonitorFile.parse("x".repeat(MonitorFile.MAX_FILE_BYTES + 1), false,
        "big", Optional.empty())).hasMessageContaining("byte limit");
  }

  @Test
  void load_fromFile_usesDefaultTeam(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("monitors.yml");
    Files.writeString(file, "monitors:\n  - {id: web, type: http, url: 'http://localhost/'}\n");
    assertThat(MonitorFile.load(file, Optional.of(TeamId.of("ops"))).monitors())
        .singleElement().satisfies(m -> assertThat(m.teamId()).isEqualTo(TeamId.of("ops")));
  }

  @Test
  void uptimeConfig_fromProperties_readsAndValidates(@TempDir Path dir) {
    UptimeConfig c = UptimeConfig.fromProperties(ConfigProperties.of(Map.of(
        "obs.uptime.probe.threads", "4", "obs.uptime.host.max.concurrent", "2",
        "obs.uptime.driver.enabled", "false", "obs.uptime.monitors.file",
        dir.resolve("m.yaml").toString(), "obs.uptime.team", "acme")));
    assertThat(c.probeThreads()).isEqualTo(4);
    assertThat(c.maxPerHost()).isEqualTo(2);
    assertThat(c.driverEnabled()).isFalse();
    assertThat(c.fileTeam()).contains(TeamId.of("acme"));
    assertThatThrownBy(() -> UptimeConfig.fromProperties(ConfigProperties.of(Map.of(
        "obs.uptime.probe.threads", "many")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("many");
    assertThatThrownBy(() -> UptimeConfig.fromProperties(ConfigProperties.of(Map.of(
        "obs.uptime.probe.threads", "0")))).hasMessageContaining("got 0");
  }
}
