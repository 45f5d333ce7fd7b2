package dev.obskit.incidents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.escalation.EscalationBranch;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.oncall.ScheduleService;
import dev.obskit.incidents.store.InMemoryEscalationPolicyRepository;
import dev.obskit.incidents.store.InMemoryResponderDirectory;
import dev.obskit.incidents.store.InMemoryServiceCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, validating, applying (idempotently) and exporting incidents configuration files. */
class IncidentsConfigFileTest {
  private static final TeamId SRE = TeamId.of("sre");
  private final InMemoryServiceCatalog catalog = new InMemoryServiceCatalog();
  private final InMemoryEscalationPolicyRepository policies = new InMemoryEscalationPolicyRepository();
  private final InMemoryResponderDirectory responders = new InMemoryResponderDirectory();
  private final ScheduleService schedules = ScheduleService.builder().build();

  @TempDir
  Path dir;

  private static String example() throws IOException {
    try (InputStream in = IncidentsConfigFileTest.class.getResourceAsStream("/config/oncall.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private ApplyReport apply(IncidentsDefinition d) {
    return IncidentsConfigFile.apply(d, catalog, policies, responders, schedules);
  }

  @Test
  void load_example_declaresEverything_andTheScheduleAnswers() throws IOException {
    IncidentsDefinition d = IncidentsConfigFile.load(write("oncall.yaml", example()));

    assertThat(d.team()).isEqualTo(SRE);
    assertThat(d.channels()).containsOnlyKeys("ops-slack");
    assertThat(d.responders()).extracting(r -> r.name()).containsExactly("Alice", "Bob");
    EscalationPolicy ops = d.policies().get(0);
    assertThat(ops.zone().getId()).isEqualTo("Europe/Paris");
    assertThat(ops.steps().get(0).branch()).containsInstanceOf(EscalationBranch.TimeWindow.class);
    assertThat(ops.steps().get(1).waitBeforeNext()).hasMinutes(5);

    assertThat(apply(d).created()).containsExactly("responder/alice", "responder/bob",
        "policy/ops", "policy/day", "service/checkout", "schedule/primary");
    // Wed 2026-03-25 12:00 Paris: masked daily interval 2 from Mon 23: alice Mon+Tue, bob Wed+Thu.
    assertThat(schedules.whoIsOnCall(SRE, ScheduleId.of("primary"), Instant.parse("2026-03-25T11:00:00Z")))
        .containsExactly(UserId.of("bob"));
    // alice Fri 27 + Mon 30, bob Tue 31 + Wed Apr 1, alice Thu Apr 2 + Fri 3; the file's
    // override puts bob on 2026-04-02 10:00-12:00Z.
    assertThat(schedules.whoIsOnCall(SRE, ScheduleId.of("primary"), Instant.parse("2026-04-02T11:00:00Z")))
        .containsExactly(UserId.of("bob"));
    assertThat(schedules.whoIsOnCall(SRE, ScheduleId.of("primary"), Instant.parse("2026-04-02T13:00:00Z")))
        .containsExactly(UserId.of("alice"));
  }

  @Test
  void reload_unchangedFile_writesNothing_andKeepsVersionsAndHandMadeOverrides() throws IOException {
    apply(IncidentsConfigFile.parse(example(), false, "oncall.yaml"));
    var manual = schedules.addOverride(SRE, ScheduleId.of("primary"),
        Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-02T00:00:00Z"), UserId.of("alice"));
    long scheduleVersion = schedules.get(SRE, ScheduleId.of("primary")).version();

    ApplyReport again = apply(IncidentsConfigFile.parse(example(), false, "oncall.yaml"));

    assertThat(again.isNoOp()).isTrue();
    assertThat(again.unchanged()).hasSize(6);
    assertThat(policies.find(SRE, EscalationPolicyId.of("ops")).orElseThrow().version()).isEqualTo(1);
    assertThat(catalog.find(SRE, ServiceId.of("checkout")).orElseThrow().version()).isEqualTo(1);
    assertThat(schedules.get(SRE, ScheduleId.of("primary")).version()).isEqualTo(scheduleVersion);
    assertThat(schedules.get(SRE, ScheduleId.of("primary")).overrides()).contains(manual);
  }

  @Test
  void reload_changedPolicy_updatesOnlyIt_atTheNextVersion() throws IOException {
    apply(IncidentsConfigFile.parse(example(), false, "oncall.yaml"));
    String edited = example().replace("    repeat: 1\n", "    repeat: 2\n");

    ApplyReport report = apply(IncidentsConfigFile.parse(edited, false, "oncall.yaml"));

    assertThat(report.updated()).containsExactly("policy/ops");
    assertThat(report.created()).isEmpty();
    EscalationPolicy ops = policies.find(SRE, EscalationPolicyId.of("ops")).orElseThrow();
    assertThat(ops.version()).isEqualTo(2);
    assertThat(ops.repeatCount()).isEqualTo(2);
  }

  @Test
  void reload_changedOverride_replacesOnlyTheFilesOverrides() throws IOException {
    apply(IncidentsConfigFile.parse(example(), false, "oncall.yaml"));
    var manual = schedules.addOverride(SRE, ScheduleId.of("primary"),
        Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-05-02T00:00:00Z"), UserId.of("alice"));
    String edited = example().replace("end: 2026-04-02T12:00:00Z", "end: 2026-04-02T14:00:00Z");

    assertThat(apply(IncidentsConfigFile.parse(edited, false, "oncall.yaml")).updated())
        .containsExactly("schedule/primary");

    var overrides = schedules.get(SRE, ScheduleId.of("primary")).overrides();
    assertThat(overrides).hasSize(2).contains(manual);
    assertThat(schedules.whoIsOnCall(SRE, ScheduleId.of("primary"), Instant.parse("2026-04-02T13:00:00Z")))
        .containsExactly(UserId.of("bob"));
  }

  @Test
  void export_parsesBackToAnEqualDefinition_inYamlAndJson() throws IOException {
    IncidentsDefinition d = IncidentsConfigFile.parse(example(), false, "oncall.yaml");

    String yaml = IncidentsConfigFile.export(d, false);
    String json = IncidentsConfigFile.export(d, true);

    assertThat(IncidentsConfigFile.parse(yaml, false, "export.yaml")).isEqualTo(d);
    assertThat(IncidentsConfigFile.parse(json, true, "export.json")).isEqualTo(d);
    assertThat(yaml).contains("channel: ops-slack").contains("frequency: daily")
        .contains("when: time");
  }

  @Test
  void everyKindOfMistake_isReportedWithFilePathAndValue() {
    String bad = """
        team: sre
        colour: blue
        channels:
          - id: ops
            type: carrier-pigeon
            url: https://hooks.example/x
        responders:
          - id: alice
            contacts:
              - channel: FAX
                address: "1"
                urgency: sometimes
          - id: alice
        services:
          - id: web
            name: Web
            policy: nowhere
            autoResolve: maybe
        escalationPolicies:
          - id: ops
            zone: Mars/Olympus
            repeat: many
            steps:
              - wait: 5 minutes
                targets:
                  - user: zed
                  - schedule: secondary
                  - channel: pager
                  - user: alice
                    team: sre
              - branch:
                  when: moon-phase
                  policy: ops
          - id: empty
        schedules:
          - id: primary
            layers:
              - name: L1
                rotation:
                  users: [alice]
                  zone: Europe/Paris
                  start: 2026-13-01T09:00
                  frequency: fortnightly
                  byDay: [MO, XX]
              - name: L2
                rotation:
                  users: [alice]
                  zone: UTC
                  start: 2026-03-01T09:00
                  frequency: weekly
                  interval: 0
            overrides:
              - start: 2026-04-01T12:00:00Z
                end: 2026-04-01T10:00:00Z
                users: [alice]
              - start: yesterday
                end: 2026-04-01T10:00:00Z
                users: alice
        """;

    assertThatThrownBy(() -> IncidentsConfigFile.parse(bad, false, "bad.yaml"))
        .isInstanceOfSatisfying(IncidentsConfigException.class, e -> assertThat(e.problems())
            .containsExactlyInAnyOrder(
                "bad.yaml: channels[0].type: must be one of slack, teams, webhook, got 'carrier-pigeon'",
                "bad.yaml: responders[0].contacts[0].channel: must be one of SLACK, MS_TEAMS,"
                    + " WEBHOOK, EMAIL, SMS, VOICE, got 'FAX'",
                "bad.yaml: responders[0].contacts[0].urgency: must be one of high, low, always, got 'sometimes'",
                "bad.yaml: responders[1].id: duplicate responder id 'alice'",
                "bad.yaml: escalationPolicies[0].zone: must be an IANA time zone such as Europe/Paris,"
                    + " got 'Mars/Olympus'",
                "bad.yaml: escalationPolicies[0].repeat: must be a whole number, got 'many'",
                "bad.yaml: escalationPolicies[0].steps[0].wait: must be a duration such as 5m, 1h30m"
                    + " or PT5M, got '5 minutes'",
                "bad.yaml: escalationPolicies[0].steps[0].targets[3]: a target names exactly one of user,"
                    + " schedule, team, channel, policy, got user, team",
                "bad.yaml: escalationPolicies[0].steps[0].targets[2].channel: unknown channel 'pager',"
                    + " declared: ops",
                "bad.yaml: escalationPolicies[0].steps[1].branch.when: must be one of time, metadata,"
                    + " severity, got 'moon-phase'",
                "bad.yaml: escalationPolicies[1].steps: needs at least one step",
                "bad.yaml: schedules[0].layers[0].rotation.start: Text '2026-13-01T09:00' could not be"
                    + " parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13, got '2026-13-01T09:00'",
                "bad.yaml: schedules[0].layers[0].rotation.frequency: must be one of HOURLY, DAILY,"
                    + " WEEKLY, MONTHLY, got 'fortnightly'",
                "bad.yaml: schedules[0].layers[0].rotation.byDay[1]: must be a weekday (MO, TU, ... or"
                    + " MONDAY, ...), got 'XX'",
                "bad.yaml: schedules[0].layers[1].rotation: interval must be between 1 and 1000, got 0",
                "bad.yaml: schedules[0].overrides[0]: override " + DefinitionParser.overrideId("primary",
                    Instant.parse("2026-04-01T12:00:00Z"), Instant.parse("2026-04-01T10:00:00Z"),
                    List.of(UserId.of("alice"))) + ": end must be after start 2026-04-01T12:00:00Z,"
                    + " got 2026-04-01T10:00:00Z",
                "bad.yaml: schedules[0].overrides[1].start: must be an instant with an offset, e.g."
                    + " 2026-03-16T09:00:00Z, got 'yesterday'",
                "bad.yaml: schedules[0].overrides[1].users: must be a list",
                "bad.yaml: services[0].autoResolve: must be true or false, got 'maybe'",
                "bad.yaml: colour: unknown field",
                "bad.yaml: services[0].policy: unknown escalation policy 'nowhere', declared: ops, empty",
                "bad.yaml: escalationPolicies[0].steps[0].targets[0].user: unknown responder 'zed'",
                "bad.yaml: escalationPolicies[0].steps[0].targets[1].schedule: unknown schedule"
                    + " 'secondary', declared: primary"));
  }

  @Test
  void malformedHostileAndOversizedFiles_areRefusedWithTheFileName() throws IOException {
    assertThatThrownBy(() -> IncidentsConfigFile.parse("team: [unclosed", false, "a.yaml"))
        .hasMessageStartingWith("1 problem(s): a.yaml: not valid YAML");
    assertThatThrownBy(() -> IncidentsConfigFile.parse("- just\n- a list\n", false, "b.yaml"))
        .hasMessageContaining("b.yaml: the top level must be an object");
    assertThatThrownBy(() -> IncidentsConfigFile.parse("{\"team\": 1,}", true, "c.json"))
        .hasMessageStartingWith("1 problem(s): c.json: not valid JSON at line 1");
    StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 60; i++) {
      laughs.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a, *a]\n");
    }
    // Aliases are not expanded into the tree: the file is read at once and refused for its content.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
        () -> IncidentsConfigFile.parse(laughs.toString(), false, "lol.yaml"))
        .isInstanceOfSatisfying(IncidentsConfigException.class, e -> assertThat(e.problems())
            .hasSize(62).contains("lol.yaml: a: unknown field")
            .hasToString(e.problems().toString()))
        .hasMessageEndingWith("... and 42 more"));
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertThatThrownBy(() -> IncidentsConfigFile.parse("{\"team\": " + deep + "}", true, "deep.json"))
        .isInstanceOf(IncidentsConfigException.class).hasMessageContaining("deep.json: not valid JSON");
    Path big = write("big.yaml", "team: sre\n# " + "x".repeat(IncidentsConfigFile.MAX_FILE_BYTES));
    assertThatThrownBy(() -> IncidentsConfigFile.load(big))
        .hasMessageContaining("big.yaml: file is 1048588 bytes, over the 1048576 byte limit");
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'t', ':', ' ', (byte) 0xE9});
    assertThatThrownBy(() -> IncidentsConfigFile.load(latin1))
        .hasMessageContaining("latin1.yaml: is not valid UTF-8");
    assertThatThrownBy(() -> IncidentsConfigFile.load(dir.resolve("missing.yaml")))
        .hasMessageContaining("missing.yaml: cannot read: NoSuchFileException");
  }

  @Test
  void emptyTeamFile_isAllowed_butTeamIsRequired() {
    assertThat(IncidentsConfigFile.parse("team: sre\n", false, "t.yaml").policies()).isEmpty();
    assertThatThrownBy(() -> IncidentsConfigFile.parse("services: []\n", false, "t.yaml"))
        .isInstanceOfSatisfying(IncidentsConfigException.class,
            e -> assertThat(e.problems()).containsExactly("t.yaml: team: is required"));
  }

}
