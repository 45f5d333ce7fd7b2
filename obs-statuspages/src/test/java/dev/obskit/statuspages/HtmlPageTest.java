package dev.obskit.statuspages;

import static dev.obskit.statuspages.Fixture.API;
import static dev.obskit.statuspages.Fixture.API_MONITOR;
import static dev.obskit.statuspages.Fixture.CDN;
import static dev.obskit.statuspages.Fixture.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML page, parsed with jsoup: structure, escaping, options and languages. */
class HtmlPageTest {
  private static final String NOW = "2026-03-10T12:00:00Z";
  private static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>";

  private static Fixture fixture(UnaryOperator<PageOptions.Builder> options) {
    return new Fixture(NOW, c -> c.setCacheTtl(Duration.ZERO),
        p -> p.setOptions(options.apply(PageOptions.builder()).build()));
  }

  private static Document get(Fixture f, String... headers) {
    HttpResponse r = new Requests(f.kit).get("/status/acme", headers);
    assertThat(r.status()).isEqualTo(200);
    return Jsoup.parse(r.bodyText());
  }

  @Test
  void page_showsSectionsResources90BarsAndTheCurrentReport() {
    try (Fixture f = fixture(o -> o)) {
      f.view.status.put(API_MONITOR, MonitorStatus.DOWN);
      f.view.day(API_MONITOR, "2026-03-09", 23, 1, 0);
      f.pages.openReport(PAGE, "API outage", ReportStatus.INVESTIGATING, "Looking into it",
          Map.of(API, ComponentStatus.MAJOR_OUTAGE), Optional.empty(), true);
      Document d = get(f);
      assertThat(d.select("html").attr("lang")).isEqualTo("en");
      assertThat(d.select("#components h2").eachText()).containsExactly("Core", "Edge");
      assertThat(d.select("li.resource")).hasSize(3);
      Element api = d.selectFirst("li.resource[data-resource-id=api]");
      assertThat(api.select(".status").text()).isEqualTo("Major outage");
      assertThat(api.select(".bars i")).hasSize(90);
      assertThat(api.select(".bars").attr("aria-hidden")).isEqualTo("true");
      Element yesterday = api.select(".bars i").get(88);
      assertThat(yesterday.className()).isEqualTo("m");
      assertThat(yesterday.attr("title")).isEqualTo(
          "9 Mar 2026: 95.83% uptime, 60 min down, 0 min maintenance (Major outage)");
      assertThat(api.select(".incident-days li").eachText()).containsExactly(
          "9 Mar 2026: 95.83% uptime, 60 min down, 0 min maintenance (Major outage)");
      assertThat(api.select("p.sr").text()).isEqualTo(
          "Public API - Uptime over the last 90 days: 95.83% uptime");
      assertThat(d.select("#overall").text()).isEqualTo("Major outage");
      assertThat(d.select("#current-reports article h3").text()).isEqualTo("API outage");
      assertThat(d.select("#current-reports .update p").text()).isEqualTo("Looking into it");
      assertThat(d.select("script")).isEmpty();
      assertThat(d.select("form#subscribe, #subscribe form").attr("method")).isEqualTo("post");
    }
  }

  @Test
  void hostileNamesAndReportText_stayText() {
    try (Fixture f = new Fixture(NOW, c -> c, p -> p.setName(HOSTILE)
        .setSections(java.util.List.of(Section.of(HOSTILE,
            Resource.manual(CDN, HOSTILE).withDescription(HOSTILE)))))) {
      f.pages.openReport(PAGE, HOSTILE, ReportStatus.INVESTIGATING, HOSTILE,
          Map.of(CDN, ComponentStatus.PARTIAL_OUTAGE), Optional.empty(), true);
      HttpResponse r = new Requests(f.kit).get("/status/acme");
      Document d = Jsoup.parse(r.bodyText());
      assertThat(d.select("script")).isEmpty();
      assertThat(d.select("img[onerror]")).isEmpty();
      assertThat(d.select("h1").text()).isEqualTo(HOSTILE);
      assertThat(d.select("title").text()).isEqualTo(HOSTILE);
      assertThat(d.select(".resource .name").text()).isEqualTo(HOSTILE);
      assertThat(d.select(".resource .desc").text()).isEqualTo(HOSTILE);
      assertThat(d.select("#current-reports h3").text()).isEqualTo(HOSTILE);
      assertThat(d.select("#current-reports .update p").text()).isEqualTo(HOSTILE);
      assertThat(r.bodyText()).doesNotContain("<script>alert");
    }
  }

  @Test
  void defaults_noLogoNoCustomCodeNoAnalytics_obsKitFooter_noScriptsAllowedByCsp() {
    try (Fixture f = fixture(o -> o)) {
      HttpResponse r = new Requests(f.kit).get("/status/acme");
      Document d = Jsoup.parse(r.bodyText());
      assertThat(d.select("img.logo, #custom-css, #custom-js, script")).isEmpty();
      assertThat(d.select(".powered").text()).isEqualTo("Powered by ObsKit");
      assertThat(d.select(".footer-text")).isEmpty();
      assertThat(r.header("Content-Security-Policy").orElseThrow()).doesNotContain("script-src");
      assertThat(d.select("link[type=application/rss+xml]").attr("href"))
          .isEqualTo("/status/acme/feed.rss");
    }
  }

  @Test
  void everyOption_whenSet_showsUp() {
    try (Fixture f = fixture(o -> o.setLogoUrl("https://cdn.example.com/logo.png")
        .setBrandColor("#123456").setCustomCss(".name{font-weight:700}")
        .setCustomJs("console.log('hi')").setWhiteLabel(true).setFooterText("© Acme <Corp>")
        .setPublicUrl("https://status.acme.example").setGoogleAnalyticsId("G-ABC123")
        .setMixpanelToken("mp123").setIntercomAppId("ic123"))) {
      HttpResponse r = new Requests(f.kit).get("/status/acme");
      Document d = Jsoup.parse(r.bodyText());
      assertThat(d.select("img.logo").attr("src")).isEqualTo("https://cdn.example.com/logo.png");
      assertThat(d.select("style").first().data()).contains("--brand:#123456");
      assertThat(d.select("style#custom-css").first().data()).isEqualTo(".name{font-weight:700}");
      assertThat(d.select("script#custom-js").first().data()).isEqualTo("console.log('hi')");
      assertThat(d.select(".powered")).isEmpty();
      assertThat(d.select(".footer-text").text()).isEqualTo("© Acme <Corp>");
      assertThat(d.select("link[type=application/rss+xml]").attr("href"))
          .isEqualTo("https://status.acme.example/feed.rss");
      assertThat(d.select("#subscribe form").attr("action"))
          .isEqualTo("https://status.acme.example/subscriptions");
      assertThat(d.select("#analytics-ga").first().data()).contains("gtag('config','G-ABC123')");
      assertThat(d.select("#analytics-mixpanel")).hasSize(1);
      assertThat(d.select("#analytics-intercom").first().data()).contains("app_id:'ic123'");
      assertThat(r.header("Content-Security-Policy").orElseThrow())
          .contains("script-src 'unsafe-inline' https://www.googletagmanager.com");
    }
  }

  @Test
  void language_fromPageSetting_orAcceptLanguage_elseEnglish() {
    try (Fixture f = fixture(o -> o)) {
      Document fr = get(f, "Accept-Language", "de-DE;q=1, fr-CA;q=0.8, en;q=0.5");
      assertThat(fr.select("html").attr("lang")).isEqualTo("fr");
      assertThat(fr.select("#overall").text()).isEqualTo("Tous les systèmes sont opérationnels");
      assertThat(fr.select(".resource .status").first().text()).isEqualTo("Opérationnel");
      Document en = get(f, "Accept-Language", "de-DE, es");
      assertThat(en.select("#overall").text()).isEqualTo("All systems operational");
      Document junk = get(f, "Accept-Language", ";;;q=x");
      assertThat(junk.select("html").attr("lang")).isEqualTo("en");
    }
    try (Fixture f = fixture(o -> o.setLocale(Locale.FRENCH))) {
      Document d = get(f, "Accept-Language", "en-US");
      assertThat(d.select("html").attr("lang")).isEqualTo("fr");
      assertThat(d.select("#past-reports h2").text()).isEqualTo("Incidents passés");
    }
  }

  @Test
  void defaultTheme_meetsWcagAaContrast() {
    // white text on each status colour and on the default brand colour; status colours as text
    // on white: WCAG 2.1 relative luminance, AA needs 4.5:1 for normal text
    for (ComponentStatus s : ComponentStatus.values()) {
      assertThat(contrast(Renderer.color(s), "#ffffff")).as(s.name()).isGreaterThanOrEqualTo(4.5);
    }
    assertThat(contrast(PageOptions.DEFAULT_BRAND_COLOR, "#ffffff")).isGreaterThanOrEqualTo(4.5);
    assertThat(contrast("#4b5563", "#ffffff")).isGreaterThanOrEqualTo(4.5); // muted text
    assertThat(contrast("#1a1a1a", "#ffffff")).isGreaterThanOrEqualTo(4.5); // body text
  }

  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
