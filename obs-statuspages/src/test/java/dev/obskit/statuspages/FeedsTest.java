package dev.obskit.statuspages;

import static dev.obskit.statuspages.Fixture.API;
import static dev.obskit.statuspages.Fixture.API_MONITOR;
import static dev.obskit.statuspages.Fixture.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** summary.json against Statuspage's field list; RSS, Atom and the badge as parsed XML. */
class FeedsTest {
  private static final String NOW = "2026-03-10T12:00:00Z";
  private static final String HOSTILE = "<b>&\"'</b>";

  private static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void summaryJson_hasStatuspagesFields() throws Exception {
    try (Fixture f = new Fixture(NOW)) {
      f.view.status.put(API_MONITOR, MonitorStatus.DOWN);
      StatusReport r = f.pages.openReport(PAGE, "API down", ReportStatus.INVESTIGATING, "ugh",
          Map.of(API, ComponentStatus.MAJOR_OUTAGE), Optional.empty(), true);
      f.clock.advance(Duration.ofMinutes(3));
      f.pages.postUpdate(r.id(), ReportStatus.MONITORING, "fixed?", Map.of(API,
          ComponentStatus.OPERATIONAL));
      f.pages.scheduleMaintenance(PAGE, "DB", "", Instant.parse("2026-03-12T00:00:00Z"),
          Instant.parse("2026-03-12T01:00:00Z"), Set.of(API), Duration.ZERO);
      HttpResponse resp = new Requests(f.kit).get("/status/acme/api/v2/summary.json");
      assertThat(resp.status()).isEqualTo(200);
      assertThat(resp.header("Content-Type")).contains("application/json");
      assertThat(resp.header("Access-Control-Allow-Origin")).contains("*");
      JsonNode j = new ObjectMapper().readTree(resp.bodyText());
      assertThat(fields(j)).containsExactly("page", "status", "components", "incidents",
          "scheduled_maintenances");
      assertThat(fields(j.get("page"))).contains("id", "name", "url", "time_zone", "updated_at");
      assertThat(j.at("/status/indicator").asText()).isEqualTo("critical");
      assertThat(j.at("/status/description").asText()).isEqualTo("Major outage");
      JsonNode api = j.get("components").get(1);
      assertThat(fields(api)).contains("id", "name", "status", "position", "description",
          "group_id", "group", "only_show_if_degraded", "created_at", "updated_at");
      assertThat(api.get("status").asText()).isEqualTo("major_outage");
      assertThat(api.get("group_id").asText()).isEqualTo(j.get("components").get(0).get("id")
          .asText());
      assertThat(j.get("components").get(0).get("group").asBoolean()).isTrue();
      JsonNode inc = j.get("incidents").get(0);
      assertThat(fields(inc)).contains("id", "name", "status", "impact", "shortlink",
          "created_at", "updated_at", "monitoring_at", "resolved_at", "incident_updates",
          "components");
      assertThat(inc.get("status").asText()).isEqualTo("monitoring");
      assertThat(inc.get("monitoring_at").asText()).isEqualTo("2026-03-10T12:03:00Z");
      assertThat(inc.get("resolved_at").isNull()).isTrue();
      JsonNode upd = inc.get("incident_updates").get(0);
      assertThat(fields(upd)).contains("id", "status", "body", "created_at", "display_at",
          "affected_components");
      assertThat(upd.get("body").asText()).isEqualTo("fixed?");
      assertThat(inc.get("incident_updates")).hasSize(2);
      JsonNode mw = j.get("scheduled_maintenances").get(0);
      assertThat(mw.get("status").asText()).isEqualTo("scheduled");
      assertThat(mw.get("scheduled_for").asText()).isEqualTo("2026-03-12T00:00:00Z");
    }
  }

  @Test
  void rssAndAtom_listReportUpdates_escaped() {
    try (Fixture f = new Fixture(NOW)) {
      f.pages.openReport(PAGE, HOSTILE, ReportStatus.INVESTIGATING, HOSTILE,
          Map.of(API, ComponentStatus.DEGRADED), Optional.empty(), true);
      Requests r = new Requests(f.kit);
      HttpResponse rss = r.get("/status/acme/feed.rss");
      assertThat(rss.header("Content-Type")).contains("application/rss+xml; charset=utf-8");
      Document x = Jsoup.parse(rss.bodyText(), "", Parser.xmlParser());
      assertThat(x.select("rss > channel > title").text()).isEqualTo("Acme status");
      assertThat(x.select("item")).hasSize(1);
      assertThat(x.select("item > title").text()).isEqualTo(HOSTILE + " - Investigating");
      assertThat(x.select("item > description").text()).isEqualTo(HOSTILE);
      assertThat(x.select("item > b")).isEmpty();
      Document a = Jsoup.parse(r.get("/status/acme/feed.atom").bodyText(), "",
          Parser.xmlParser());
      assertThat(a.select("feed > entry")).hasSize(1);
      assertThat(a.select("entry > content").text()).isEqualTo(HOSTILE);
      assertThat(a.select("entry > updated").text()).isEqualTo("2026-03-10T12:00:00Z");
    }
  }

  @Test
  void badge_isAnSvgWithTheOverallStatusAsText() {
    try (Fixture f = new Fixture(NOW)) {
      f.view.status.put(API_MONITOR, MonitorStatus.DOWN);
      HttpResponse b = new Requests(f.kit).get("/status/acme/badge.svg",
          "Accept-Language", "fr");
      assertThat(b.header("Content-Type")).contains("image/svg+xml; charset=utf-8");
      Document svg = Jsoup.parse(b.bodyText(), "", Parser.xmlParser());
      assertThat(svg.select("svg > title").text()).isEqualTo("statut: Panne majeure");
      assertThat(svg.select("svg").attr("role")).isEqualTo("img");
      assertThat(svg.select("rect").get(1).attr("fill")).isEqualTo("#b3261e");
    }
  }

  @Test
  void unknownPage_andHostilePaths_are404() {
    try (Fixture f = new Fixture(NOW)) {
      Requests r = new Requests(f.kit);
      assertThat(r.get("/status/nope").status()).isEqualTo(404);
      assertThat(r.get("/status/%3Cscript%3E").status()).isEqualTo(404);
      assertThat(r.get("/status/" + "a".repeat(300)).status()).isEqualTo(404);
      assertThat(r.get("/status/acme/subscriptions/confirm").status()).isEqualTo(404);
      assertThat(r.get("/status/acme/subscriptions/confirm?token=" + "x".repeat(5000)).status())
          .isEqualTo(404);
    }
  }
}
