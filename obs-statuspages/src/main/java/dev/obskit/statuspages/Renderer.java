package dev.obskit.statuspages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a {@link PageSnapshot} as HTML (mustache templates, escaped by default), Statuspage's
 * {@code summary.json}, RSS 2.0, Atom 1.0 and an SVG badge. Renderings are cached per page,
 * language and kind until anything changes or the cache lifetime passes. Thread-safe.
 */
final class Renderer {
  private static final JsonFactory JSON = new JsonFactory();
  private final StatusPages pages;
  private final Clock clock;
  private final long cacheTtlMillis;
  private final Mustache page;
  private final Mustache login;
  private final Mustache message;
  private final Mustache rss;
  private final Mustache atom;
  private final Mustache badge;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(long generation, long at, String body) {}

  Renderer(StatusPages pages, Clock clock, java.time.Duration cacheTtl) {
    this.pages = pages;
    this.clock = clock;
    this.cacheTtlMillis = cacheTtl.toMillis();
    DefaultMustacheFactory f = new DefaultMustacheFactory("dev/obskit/statuspages/templates");
    page = f.compile("page.mustache");
    login = f.compile("login.mustache");
    message = f.compile("message.mustache");
    rss = f.compile("rss.mustache");
    atom = f.compile("atom.mustache");
    badge = f.compile("badge.mustache");
  }

  String html(StatusPageId id, Messages m, String mount) {
    return cached(id, "html:" + m.locale().getLanguage() + "|" + mount,
        () -> run(page, pageModel(pages.snapshot(id), m, mount)));
  }

  String summaryJson(StatusPageId id, String mount) {
    return cached(id, "json|" + mount, () -> json(pages.snapshot(id), mount));
  }

  String rss(StatusPageId id, Messages m, String mount) {
    return cached(id, "rss:" + m.locale().getLanguage() + "|" + mount,
        () -> run(rss, feedModel(pages.snapshot(id), m, mount)));
  }

  String atom(StatusPageId id, Messages m, String mount) {
    return cached(id, "atom:" + m.locale().getLanguage() + "|" + mount,
        () -> run(atom, feedModel(pages.snapshot(id), m, mount)));
  }

  String badge(StatusPageId id, Messages m) {
    return cached(id, "badge:" + m.locale().getLanguage(), () -> {
      PageSnapshot s = pages.snapshot(id);
      String label = m.get("badge.label");
      String text = m.get("overall." + s.overall().wireName());
      int lw = 10 + 7 * label.length();
      int tw = 10 + 7 * text.length();
      Map<String, Object> b = new HashMap<>();
      b.put("label", label);
      b.put("text", text);
      b.put("labelWidth", lw);
      b.put("textWidth", tw);
      b.put("width", lw + tw);
      b.put("labelX", lw / 2);
      b.put("textX", lw + tw / 2);
      b.put("color", color(s.overall()));
      return run(badge, b);
    });
  }

  String login(StatusPage p, Messages m, String action, String error) {
    Map<String, Object> c = base(p, m);
    c.put("action", action);
    c.put("error", error);
    return run(login, c);
  }

  String message(StatusPage p, Messages m, String mount, String text, String formAction,
      String token, String button) {
    Map<String, Object> c = base(p, m);
    c.put("message", text);
    c.put("formAction", formAction);
    c.put("token", token);
    c.put("button", button);
    c.put("back", pages.link(p, "", mount));
    c.put("backText", m.get("view.page"));
    return run(message, c);
  }

  private String cached(StatusPageId id, String kind, java.util.function.Supplier<String> make) {
    String key = id.value() + "|" + kind;
    long gen = pages.generation();
    long now = clock.millis();
    Cached c = cache.get(key);
    if (c != null && c.generation() == gen && now - c.at() < cacheTtlMillis && now >= c.at()) {
      return c.body();
    }
    String body = make.get();
    if (cacheTtlMillis > 0) {
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(key, new Cached(gen, now, body));
    }
    return body;
  }

  private static String run(Mustache m, Object scope) {
    StringWriter w = new StringWriter(16 * 1024);
    m.execute(w, scope);
    return w.toString();
  }

  // ---------------------------------------------------------------- HTML model

  private Map<String, Object> base(StatusPage p, Messages m) {
    Map<String, Object> c = new HashMap<>();
    c.put("lang", m.locale().getLanguage());
    c.put("name", p.name());
    c.put("brand", p.options().brandColor());
    Map<String, String> t = new HashMap<>();
    m.all().forEach((k, v) -> t.put(k.replace('.', '_'), v));
    c.put("t", t);
    return c;
  }

  private Map<String, Object> pageModel(PageSnapshot s, Messages m, String mount) {
    StatusPage p = s.page();
    PageOptions o = p.options();
    Map<String, Object> c = base(p, m);
    c.put("links", links(p, mount));
    c.put("logoUrl", o.logoUrl());
    c.put("customCss", o.customCss());
    c.put("customJs", o.customJs());
    c.put("whiteLabel", o.whiteLabel());
    c.put("footerText", o.footerText());
    c.put("ga", o.googleAnalyticsId());
    c.put("mixpanel", o.mixpanelToken());
    c.put("intercom", o.intercomAppId());
    c.put("subscribable", p.subscribable());
    c.put("overall", Map.of("cls", s.overall().wireName(),
        "text", m.get("overall." + s.overall().wireName())));
    c.put("caption", m.format("bars.caption", p.historyDays()));
    c.put("daysAgo", m.format("bars.ago", p.historyDays()));
    c.put("generated", stamp(s.at(), m));
    c.put("generatedIso", s.at().toString());
    Map<ResourceId, String> names = new HashMap<>();
    p.resources().forEach(r -> names.put(r.id(), r.name()));
    List<Object> open = new ArrayList<>();
    s.openReports().forEach(r -> open.add(reportModel(r, names, m)));
    List<Object> past = new ArrayList<>();
    s.pastReports().forEach(r -> past.add(reportModel(r, names, m)));
    c.put("openReports", open);
    c.put("hasOpen", !open.isEmpty());
    c.put("pastReports", past);
    List<Object> maint = new ArrayList<>();
    for (MaintenanceWindow w : s.maintenance()) {
      Map<String, Object> x = new HashMap<>();
      x.put("id", w.id().value());
      x.put("title", w.title());
      x.put("body", w.body());
      x.put("statusText", m.get("maintenance.status." + w.status().wireName()));
      x.put("starts", stamp(w.startsAt(), m));
      x.put("ends", stamp(w.endsAt(), m));
      x.put("startsIso", w.startsAt().toString());
      x.put("endsIso", w.endsAt().toString());
      maint.add(x);
    }
    c.put("maintenance", maint);
    c.put("hasMaintenance", !maint.isEmpty());
    List<Object> sections = new ArrayList<>();
    for (PageSnapshot.SectionView sv : s.sections()) {
      List<Object> rs = new ArrayList<>();
      sv.resources().forEach(rv -> rs.add(resourceModel(rv, p, m)));
      Map<String, Object> x = new HashMap<>();
      x.put("name", sv.name());
      x.put("resources", rs);
      sections.add(x);
    }
    c.put("sections", sections);
    return c;
  }

  private Map<String, Object> resourceModel(ResourceView rv, StatusPage p, Messages m) {
    Map<String, Object> x = new HashMap<>();
    Resource r = rv.resource();
    x.put("id", r.id().value());
    x.put("name", r.name());
    x.put("description", r.description());
    x.put("cls", rv.status().wireName());
    x.put("statusText", m.get("status." + rv.status().wireName()));
    String uptime = m.format("bars.uptime", percent(rv.uptime().uptimePercent(), m.locale()));
    x.put("uptimeText", uptime);
    x.put("summary", r.name() + " - " + m.format("bars.caption", p.historyDays()) + ": "
        + uptime);
    List<Object> bars = new ArrayList<>(rv.bars().size());
    List<String> incidentDays = new ArrayList<>();
    DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", m.locale());
    for (DayBar b : rv.bars()) {
      Map<String, Object> bar = new HashMap<>(4);
      String cls = b.hasData() ? barClass(b.status()) : "n";
      bar.put("c", cls);
      if (b.hasData() && b.status() != ComponentStatus.OPERATIONAL) {
        String text = m.format("bars.day", day.format(b.day()), percent(b.uptimePercent(),
            m.locale()), b.downMinutes(), b.maintenanceMinutes(),
            m.get("status." + b.status().wireName()));
        bar.put("title", text);
        incidentDays.add(text);
      }
      bars.add(bar);
    }
    x.put("bars", bars);
    x.put("incidentDays", incidentDays);
    x.put("hasIncidentDays", !incidentDays.isEmpty());
    return x;
  }

  private Map<String, Object> reportModel(StatusReport r, Map<ResourceId, String> names,
      Messages m) {
    Map<String, Object> x = new HashMap<>();
    x.put("id", r.id().value());
    x.put("title", r.title());
    x.put("status", r.status().wireName());
    List<String> affected = new ArrayList<>();
    r.updates().stream().flatMap(u -> u.affected().keySet().stream()).distinct()
        .forEach(id -> affected.add(names.getOrDefault(id, id.value())));
    x.put("affectedNames", String.join(", ", affected));
    List<Object> updates = new ArrayList<>();
    for (int i = r.updates().size() - 1; i >= 0; i--) {
      ReportUpdate u = r.updates().get(i);
      updates.add(Map.of("statusText", m.get("report.status." + u.status().wireName()),
          "when", stamp(u.at(), m), "iso", u.at().toString(), "body", u.body()));
    }
    x.put("updates", updates);
    return x;
  }

  private Map<String, String> links(StatusPage p, String mount) {
    Map<String, String> l = new HashMap<>();
    l.put("page", pages.link(p, "", mount));
    l.put("rss", pages.link(p, "feed.rss", mount));
    l.put("atom", pages.link(p, "feed.atom", mount));
    l.put("json", pages.link(p, "api/v2/summary.json", mount));
    l.put("subscribe", pages.link(p, "subscriptions", mount));
    l.put("feedId", "urn:obskit:statuspage:" + p.id().value());
    return l;
  }

  private static String barClass(ComponentStatus s) {
    return switch (s) {
      case OPERATIONAL -> "";
      case DEGRADED -> "d";
      case PARTIAL_OUTAGE -> "p";
      case MAJOR_OUTAGE -> "m";
      case UNDER_MAINTENANCE -> "u";
    };
  }

  static String color(ComponentStatus s) {
    return switch (s) {
      case OPERATIONAL -> "#1e7b34";
      case DEGRADED -> "#8a5a00";
      case PARTIAL_OUTAGE -> "#b34700";
      case MAJOR_OUTAGE -> "#b3261e";
      case UNDER_MAINTENANCE -> "#1f5fbf";
    };
  }

  /** Formats a percentage with two decimals, truncated (99.999 shows as 99.99, never 100). */
  static String percent(double p, Locale locale) {
    double truncated = Math.floor(p * 100) / 100;
    return String.format(locale, locale.getLanguage().equals("fr") ? "%.2f %%" : "%.2f%%",
        truncated);
  }

  private static String stamp(Instant t, Messages m) {
    return DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", m.locale())
        .format(t.atZone(ZoneOffset.UTC));
  }

  // ---------------------------------------------------------------- feeds

  private Map<String, Object> feedModel(PageSnapshot s, Messages m, String mount) {
    StatusPage p = s.page();
    Map<String, Object> c = base(p, m);
    c.put("links", links(p, mount));
    c.put("generatedIso", s.at().toString());
    c.put("generatedRfc", DateTimeFormatter.RFC_1123_DATE_TIME.format(s.at().atZone(ZoneOffset.UTC)));
    List<Object> items = new ArrayList<>();
    List<StatusReport> all = new ArrayList<>(s.openReports());
    all.addAll(s.pastReports());
    for (StatusReport r : all) {
      for (int i = r.updates().size() - 1; i >= 0; i--) {
        ReportUpdate u = r.updates().get(i);
        Map<String, Object> x = new HashMap<>();
        x.put("title", r.title() + " - " + m.get("report.status." + u.status().wireName()));
        x.put("text", u.body());
        x.put("guid", "urn:obskit:statuspage:" + p.id().value() + ":report:" + r.id().value()
            + ":" + u.id());
        x.put("link", pages.link(p, "", mount) + "#report-" + r.id().value());
        x.put("iso", u.at().toString());
        x.put("rfc", DateTimeFormatter.RFC_1123_DATE_TIME.format(u.at().atZone(ZoneOffset.UTC)));
        x.put("at", u.at());
        items.add(x);
      }
    }
    items.sort((a, b) -> ((Instant) ((Map<?, ?>) b).get("at"))
        .compareTo((Instant) ((Map<?, ?>) a).get("at")));
    c.put("items", items.size() > 50 ? items.subList(0, 50) : items);
    return c;
  }

  // ---------------------------------------------------------------- JSON

  private String json(PageSnapshot s, String mount) {
    StringWriter w = new StringWriter(8 * 1024);
    StatusPage p = s.page();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeObjectFieldStart("page");
      g.writeStringField("id", p.id().value());
      g.writeStringField("name", p.name());
      g.writeStringField("url", pages.link(p, "", mount));
      g.writeStringField("time_zone", "Etc/UTC");
      g.writeStringField("updated_at", s.at().toString());
      g.writeEndObject();
      g.writeObjectFieldStart("status");
      g.writeStringField("indicator", s.overall().indicator());
      g.writeStringField("description", Messages.of(Locale.ENGLISH)
          .get("overall." + s.overall().wireName()));
      g.writeEndObject();
      components(g, s, p, mount);
      g.writeArrayFieldStart("incidents");
      for (StatusReport r : s.openReports()) {
        incident(g, r, p, mount);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("scheduled_maintenances");
      for (MaintenanceWindow mw : s.maintenance()) {
        g.writeStartObject();
        g.writeStringField("id", mw.id().value());
        g.writeStringField("name", mw.title());
        g.writeStringField("status", mw.status().wireName());
        g.writeStringField("impact", "maintenance");
        g.writeStringField("shortlink", pages.link(p, "", mount) + "#maintenance-" + mw.id().value());
        g.writeStringField("scheduled_for", mw.startsAt().toString());
        g.writeStringField("scheduled_until", mw.endsAt().toString());
        g.writeStringField("page_id", p.id().value());
        g.writeArrayFieldStart("incident_updates");
        g.writeEndArray();
        g.writeArrayFieldStart("components");
        for (ResourceId id : mw.resources().stream().sorted(
            java.util.Comparator.comparing(ResourceId::value)).toList()) {
          p.resource(id).ifPresent(r -> componentRef(g, r));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private void components(JsonGenerator g, PageSnapshot s, StatusPage p, String mount)
      throws IOException {
    g.writeArrayFieldStart("components");
    int position = 1;
    int group = 0;
    for (PageSnapshot.SectionView sv : s.sections()) {
      group++;
      String groupId = sv.name().isEmpty() ? null : "group-" + group;
      if (groupId != null) {
        ComponentStatus worst = ComponentStatus.OPERATIONAL;
        for (ResourceView rv : sv.resources()) {
          worst = worst.worse(rv.status());
        }
        g.writeStartObject();
        g.writeStringField("id", groupId);
        g.writeStringField("name", sv.name());
        g.writeStringField("status", worst.wireName());
        g.writeNumberField("position", position++);
        g.writeNullField("description");
        g.writeNullField("group_id");
        g.writeBooleanField("group", true);
        g.writeBooleanField("only_show_if_degraded", false);
        g.writeStringField("created_at", p.createdAt().toString());
        g.writeStringField("updated_at", s.at().toString());
        g.writeArrayFieldStart("components");
        for (ResourceView rv : sv.resources()) {
          g.writeString(rv.resource().id().value());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      for (ResourceView rv : sv.resources()) {
        Resource r = rv.resource();
        g.writeStartObject();
        g.writeStringField("id", r.id().value());
        g.writeStringField("name", r.name());
        g.writeStringField("status", rv.status().wireName());
        g.writeNumberField("position", position++);
        if (r.description().isEmpty()) {
          g.writeNullField("description");
        } else {
          g.writeStringField("description", r.description());
        }
        if (groupId == null) {
          g.writeNullField("group_id");
        } else {
          g.writeStringField("group_id", groupId);
        }
        g.writeBooleanField("group", false);
        g.writeBooleanField("only_show_if_degraded", false);
        g.writeStringField("created_at", p.createdAt().toString());
        g.writeStringField("updated_at", s.at().toString());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private void incident(JsonGenerator g, StatusReport r, StatusPage p, String mount)
      throws IOException {
    ComponentStatus worst = ComponentStatus.OPERATIONAL;
    for (ComponentStatus cs : r.affected().values()) {
      worst = worst.worse(cs);
    }
    g.writeStartObject();
    g.writeStringField("id", r.id().value());
    g.writeStringField("name", r.title());
    g.writeStringField("status", r.status().wireName());
    g.writeStringField("impact", worst.indicator());
    g.writeStringField("shortlink", pages.link(p, "", mount) + "#report-" + r.id().value());
    g.writeStringField("page_id", p.id().value());
    g.writeStringField("created_at", r.createdAt().toString());
    g.writeStringField("updated_at", r.latest().at().toString());
    optionalTime(g, "monitoring_at", r.firstAt(ReportStatus.MONITORING).orElse(null));
    optionalTime(g, "resolved_at", r.resolvedAt().orElse(null));
    g.writeArrayFieldStart("incident_updates");
    for (int i = r.updates().size() - 1; i >= 0; i--) {
      ReportUpdate u = r.updates().get(i);
      g.writeStartObject();
      g.writeStringField("id", u.id());
      g.writeStringField("incident_id", r.id().value());
      g.writeStringField("status", u.status().wireName());
      g.writeStringField("body", u.body());
      g.writeStringField("created_at", u.at().toString());
      g.writeStringField("updated_at", u.at().toString());
      g.writeStringField("display_at", u.at().toString());
      g.writeArrayFieldStart("affected_components");
      for (Map.Entry<ResourceId, ComponentStatus> e : sorted(u.affected()).entrySet()) {
        g.writeStartObject();
        g.writeStringField("code", e.getKey().value());
        g.writeStringField("name", p.resource(e.getKey()).map(Resource::name)
            .orElse(e.getKey().value()));
        g.writeStringField("new_status", e.getValue().wireName());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("components");
    for (ResourceId id : sorted(r.affected()).keySet()) {
      p.resource(id).ifPresent(res -> componentRef(g, res));
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static Map<ResourceId, ComponentStatus> sorted(Map<ResourceId, ComponentStatus> m) {
    Map<ResourceId, ComponentStatus> out = new LinkedHashMap<>();
    m.keySet().stream().sorted(java.util.Comparator.comparing(ResourceId::value))
        .forEach(k -> out.put(k, m.get(k)));
    return out;
  }

  private static void componentRef(JsonGenerator g, Resource r) {
    try {
      g.writeStartObject();
      g.writeStringField("id", r.id().value());
      g.writeStringField("name", r.name());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void optionalTime(JsonGenerator g, String field, Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, t.toString());
    }
  }
}
