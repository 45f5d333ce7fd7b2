package dev.obskit.incidents.postmortem;

import static dev.obskit.incidents.IncidentsRig.ALICE;
import static dev.obskit.incidents.IncidentsRig.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ai.AiAnswer;
import dev.obskit.core.ai.AiAssistant;
import dev.obskit.core.ai.AiRequest;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.incidents.IncidentsRig;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentRole;
import dev.obskit.incidents.incident.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostmortemGeneratorTest {
  private static final ServiceId CHECKOUT = ServiceId.of("checkout");
  private final IncidentsRig rig = new IncidentsRig();

  @AfterEach
  void close() {
    rig.close();
  }

  private Incident alert(String key, String summary, ServiceId service) {
    return rig.incidents.openOrMerge(new IncidentDraft(TEAM, summary, Severity.SEV1, service, null,
        key, "alert:obs-uptime/" + key, Map.of("source", "obs-uptime/" + key, "summary", summary)))
        .incident().orElseThrow();
  }

  private Incident scenario() {
    rig.catalog.add(Service.of(TEAM, CHECKOUT, "Checkout", null));
    alert("db:primary", "db primary | connections exhausted", CHECKOUT);
    rig.clock.advance(Duration.ofMinutes(2));
    Incident main = alert("uptime:checkout", "checkout 503 for jane.doe@example.com", CHECKOUT);
    rig.clock.advance(Duration.ofSeconds(30));
    alert("uptime:checkout", "checkout 503", CHECKOUT);
    rig.clock.advance(Duration.ofMinutes(1));
    alert("queue:lag", "queue lag", CHECKOUT);
    rig.clock.advance(Duration.ofMinutes(30));
    alert("unrelated", "later", CHECKOUT);
    rig.incidents.assignRole(TEAM, main.id(), IncidentRole.COMMANDER, ALICE, "user:alice");
    rig.incidents.acknowledge(TEAM, main.id(), "user:alice");
    rig.clock.advance(Duration.ofMinutes(10));
    rig.incidents.resolve(TEAM, main.id(), "user:alice", "failed over the db");
    return main;
  }

  @Test
  void draft_hasEverySection_withTimesAndHints() {
    Incident main = scenario();
    List<AiRequest> asked = new ArrayList<>();
    AiAssistant recording = new AiAssistant() {
      @Override
      public String getName() {
        return "offline";
      }

      @Override
      public AiAnswer complete(AiRequest req) {
        asked.add(req);
        return AiAssistant.offline().complete(req);
      }
    };
    PostmortemGenerator gen = new PostmortemGenerator(rig.repository, rig.catalog, recording,
        PiiScrubber.defaults(), rig.clock, Duration.ofMinutes(15));
    PostmortemDraft draft = gen.draft(TEAM, main.id()).orElseThrow();
    String md = draft.markdown();
    assertThat(md).startsWith("# Postmortem: checkout 503 for jane.doe@example.com (inc-2)\n");
    assertThat(md).contains("- **Severity:** SEV1\n- **Service:** Checkout (`checkout`)\n");
    assertThat(md).contains("- **Commander:** alice\n");
    assertThat(md).contains("- **Detected (opened):** 2026-03-02T09:02:00Z by alert:obs-uptime/uptime:checkout\n");
    assertThat(md).contains("- **Duration:** 41m 30s\n");
    assertThat(md).contains("| Time to acknowledge (MTTA) | 31m 30s |");
    assertThat(md).contains("| Time to resolve (MTTR) | 41m 30s |");
    assertThat(md).contains("| 2026-03-02T09:02:30Z | `uptime:checkout` | obs-uptime/uptime:checkout | checkout 503 |");
    assertThat(md).contains("- `db:primary` (inc-1): db primary | connections exhausted opened 2m 0s **before**: a possible cause\n");
    assertThat(md).contains("- `queue:lag` (inc-3): queue lag opened 1m 30s after: likely a symptom\n");
    assertThat(md).doesNotContain("`unrelated`");
    assertThat(md).contains("## What went well\n\n- _TODO_");
    assertThat(md).contains("## What went badly\n\n- _TODO_");
    assertThat(md).contains("resolved by user:alice: failed over the db");
    assertThat(md).contains("## AI analysis\n\n_Not generated: no AI assistant is configured._");
    assertThat(draft.hints()).hasSize(2);
    assertThat(asked).singleElement().satisfies(r -> {
      assertThat(r.purpose()).isEqualTo("incidents.postmortem");
      assertThat(r.prompt()).doesNotContain("jane.doe@example.com").contains("blameless");
    });
  }

  @Test
  void generatedAnswer_isAppended_andFailingAssistantDegrades() {
    Incident main = scenario();
    PostmortemGenerator llm = new PostmortemGenerator(rig.repository, rig.catalog, new AiAssistant() {
      @Override
      public String getName() {
        return "fake-llm";
      }

      @Override
      public AiAnswer complete(AiRequest request) {
        return new AiAnswer("Root cause: connection pool exhausted.", true, "fake-1", 900, 40, "");
      }
    }, PiiScrubber.defaults(), rig.clock, Duration.ofMinutes(15));
    assertThat(llm.draft(main).markdown())
        .endsWith("## AI analysis (fake-1)\n\nRoot cause: connection pool exhausted.\n");
    PostmortemGenerator broken = new PostmortemGenerator(rig.repository, rig.catalog, new AiAssistant() {
      @Override
      public String getName() {
        return "broken";
      }

      @Override
      public AiAnswer complete(AiRequest request) {
        throw new IllegalStateException("down");
      }
    }, PiiScrubber.defaults(), rig.clock, Duration.ofMinutes(15));
    assertThat(broken.draft(main).markdown()).contains("_Not generated: assistant threw IllegalStateException._");
  }
}
