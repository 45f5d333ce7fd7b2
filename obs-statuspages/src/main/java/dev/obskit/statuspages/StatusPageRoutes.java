package dev.obskit.statuspages;

import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpStatusException;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.statuspages.access.AccessDecision;
import dev.obskit.statuspages.access.AccessGate;
import dev.obskit.statuspages.access.PasswordHash;
import dev.obskit.statuspages.access.Visitor;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of status pages, route group {@code statuspages} under the configured base path
 * ({@code /status} by default): the page, {@code api/v2/summary.json}, RSS, Atom, the SVG badge,
 * the password login, and the subscription, confirmation and unsubscribe links. Pages are
 * protected by {@link AccessPolicy} and the configured {@link AccessGate}s; confirmation and
 * unsubscribe links work without logging in (their tokens are the proof). Thread-safe.
 */
final class StatusPageRoutes {
  private static final Logger log = LoggerFactory.getLogger(StatusPageRoutes.class);
  private static final int MAX_FORM_BYTES = 8 * 1024;
  private final StatusPages pages;
  private final Renderer renderer;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final List<AccessGate> gates;
  private final String base;

  StatusPageRoutes(StatusPages pages, StatusPagesConfig config, Clock clock, byte[] secret) {
    this.pages = pages;
    this.renderer = new Renderer(pages, clock, config.cacheTtl());
    this.sessions = new Sessions(secret, clock, config.sessionTtl());
    this.limiter = new LoginLimiter(clock, config.loginAttempts(), config.loginWindow());
    this.gates = config.accessGates();
    this.base = config.basePath();
  }

  Renderer renderer() {
    return renderer;
  }

  RouteGroup group() {
    String p = base + "/{page}";
    return RouteGroup.of("statuspages", List.of(
        Route.get(p, this::page).withMaxBodyBytes(0),
        Route.get(p + "/api/v2/summary.json", this::summary).withMaxBodyBytes(0),
        Route.get(p + "/feed.rss", this::rss).withMaxBodyBytes(0),
        Route.get(p + "/feed.atom", this::atom).withMaxBodyBytes(0),
        Route.get(p + "/badge.svg", this::badge).withMaxBodyBytes(0),
        Route.get(p + "/login", this::loginForm).withMaxBodyBytes(0),
        Route.post(p + "/login", this::login).withMaxBodyBytes(MAX_FORM_BYTES),
        Route.post(p + "/subscriptions", this::subscribe).withMaxBodyBytes(MAX_FORM_BYTES),
        Route.get(p + "/subscriptions/confirm", this::confirm).withMaxBodyBytes(0),
        Route.get(p + "/subscriptions/unsubscribe", this::unsubscribeForm).withMaxBodyBytes(0),
        Route.post(p + "/subscriptions/unsubscribe", this::unsubscribe)
            .withMaxBodyBytes(MAX_FORM_BYTES)));
  }

  // ---------------------------------------------------------------- views

  private HttpResponse page(HttpRequest req) {
    StatusPage page = find(req);
    Optional<HttpResponse> denied = gate(page, req, true);
    if (denied.isPresent()) {
      return denied.get();
    }
    Messages m = messages(page, req);
    return HttpResponse.html(renderer.html(page.id(), m, mount(req))).toBuilder()
        .setHeader("Content-Security-Policy", csp(page.options()))
        .setHeader("Content-Language", m.locale().getLanguage())
        .setHeader("Vary", "Accept-Language, Cookie")
        .setHeader("Cache-Control", page.access().isPublic() ? "public, max-age=30" : "private, no-store")
        .build();
  }

  private HttpResponse summary(HttpRequest req) {
    return feed(req, "application/json", p -> renderer.summaryJson(p.id(), mount(req)));
  }

  private HttpResponse rss(HttpRequest req) {
    return feed(req, "application/rss+xml; charset=utf-8",
        p -> renderer.rss(p.id(), messages(p, req), mount(req)));
  }

  private HttpResponse atom(HttpRequest req) {
    return feed(req, "application/atom+xml; charset=utf-8",
        p -> renderer.atom(p.id(), messages(p, req), mount(req)));
  }

  private HttpResponse badge(HttpRequest req) {
    return feed(req, "image/svg+xml; charset=utf-8",
        p -> renderer.badge(p.id(), messages(p, req)));
  }

  private HttpResponse feed(HttpRequest req, String type,
      java.util.function.Function<StatusPage, String> body) {
    StatusPage page = find(req);
    Optional<HttpResponse> denied = gate(page, req, false);
    if (denied.isPresent()) {
      return denied.get();
    }
    HttpResponse.Builder b = HttpResponse.builder()
        .body(type, body.apply(page).getBytes(StandardCharsets.UTF_8))
        .setHeader("Cache-Control", page.access().isPublic() ? "public, max-age=30" : "private, no-store");
    if (page.access().isPublic()) {
      b.setHeader("Access-Control-Allow-Origin", "*");
    }
    return b.build();
  }

  // ---------------------------------------------------------------- access

  /** Returns the refusal for {@code req}, or empty when it may see the page. */
  private Optional<HttpResponse> gate(StatusPage page, HttpRequest req, boolean html) {
    AccessPolicy policy = page.access();
    if (!policy.allows(req.remoteAddress())) {
      return Optional.of(refuse(403, "This page is not available from your network.", html));
    }
    boolean ssoAllowed = false;
    if (!gates.isEmpty()) {
      Visitor visitor = visitor(req);
      for (AccessGate g : gates) {
        AccessDecision d = ask(g, page, visitor);
        if (d.outcome() == AccessDecision.Outcome.ALLOW) {
          ssoAllowed = true;
          break;
        }
        if (d.outcome() == AccessDecision.Outcome.DENY) {
          return Optional.of(refuse(403, "Access denied.", html));
        }
        if (d.outcome() == AccessDecision.Outcome.REDIRECT) {
          return Optional.of(HttpResponse.redirect(d.location()));
        }
      }
    }
    if (policy.ssoRequired() && !ssoAllowed) {
      return Optional.of(refuse(403, "Sign-in required.", html));
    }
    if (policy.password().isPresent() && !ssoAllowed && !sessions.valid(page.id(),
        policy.password().get().fingerprint(), req.cookie(Sessions.cookieName(page.id())))) {
      return Optional.of(html ? HttpResponse.redirect(pagePath(page, req) + "/login")
          : refuse(401, "Log in to see this page.", false));
    }
    return Optional.empty();
  }

  private static AccessDecision ask(AccessGate g, StatusPage page, Visitor v) {
    try {
      AccessDecision d = g.check(page.id(), v);
      return d == null ? AccessDecision.deny() : d;
    } catch (RuntimeException | LinkageError e) {
      log.warn("access gate {} failed on page {}; denying", g.getClass().getName(), page.id(), e);
      return AccessDecision.deny();
    }
  }

  private static Visitor visitor(HttpRequest req) {
    Map<String, String> cookies = new HashMap<>();
    for (String header : req.headers("Cookie")) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          cookies.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
      }
    }
    Map<String, String> headers = new HashMap<>();
    for (String h : List.of("Authorization", "Accept", "Accept-Language", "User-Agent", "Host")) {
      req.header(h).ifPresent(v -> headers.put(h, v));
    }
    return new Visitor(req.remoteAddress().getHostAddress(), cookies, headers);
  }

  private HttpResponse loginForm(HttpRequest req) {
    StatusPage page = find(req);
    if (page.access().password().isEmpty()) {
      return HttpResponse.redirect(pagePath(page, req));
    }
    return loginPage(page, req, 200, null);
  }

  private HttpResponse login(HttpRequest req) throws IOException {
    StatusPage page = find(req);
    Optional<PasswordHash> hash = page.access().password();
    if (hash.isEmpty()) {
      return HttpResponse.redirect(pagePath(page, req));
    }
    if (!page.access().allows(req.remoteAddress())) {
      return refuse(403, "This page is not available from your network.", true);
    }
    String key = page.id().value() + "|" + req.remoteAddress().getHostAddress();
    long wait = limiter.retryAfterSeconds(key);
    Messages m = messages(page, req);
    if (wait > 0) {
      return loginPage(page, req, 429, m.get("login.limited")).toBuilder()
          .setHeader("Retry-After", Long.toString(wait)).build();
    }
    List<String> given = form(req).getOrDefault("password", List.of());
    char[] password = given.isEmpty() ? new char[0] : given.get(0).toCharArray();
    try {
      if (!hash.get().matches(password)) {
        limiter.failed(key);
        return loginPage(page, req, 401, m.get("login.wrong"));
      }
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    limiter.succeeded(key);
    String cookie = sessions.issue(page.id(), hash.get().fingerprint());
    return HttpResponse.redirect(pagePath(page, req)).toBuilder()
        .header("Set-Cookie", sessions.setCookieHeader(page.id(), cookie, pagePath(page, req)))
        .setHeader("Cache-Control", "no-store").build();
  }

  private HttpResponse loginPage(StatusPage page, HttpRequest req, int status, String error) {
    return HttpResponse.html(status, renderer.login(page, messages(page, req),
        pagePath(page, req) + "/login", error)).toBuilder().setHeader("Cache-Control", "no-store")
        .build();
  }

  // ---------------------------------------------------------------- subscriptions

  private HttpResponse subscribe(HttpRequest req) throws IOException {
    StatusPage page = find(req);
    Optional<HttpResponse> denied = gate(page, req, true);
    if (denied.isPresent()) {
      return denied.get();
    }
    Map<String, List<String>> f = form(req);
    ChannelKind channel = switch (first(f, "channel").orElse("email").toLowerCase(Locale.ROOT)) {
      case "email" -> ChannelKind.EMAIL;
      case "sms" -> ChannelKind.SMS;
      case "webhook" -> ChannelKind.WEBHOOK;
      default -> null;
    };
    SubscribeResult result;
    Set<ResourceId> resources = new LinkedHashSet<>();
    boolean validIds = true;
    for (String r : f.getOrDefault("resource", List.of())) {
      if (dev.obskit.core.id.IdFormat.isValid(r)) {
        resources.add(ResourceId.of(r));
      } else {
        validIds = false;
      }
    }
    if (channel == null || !validIds || resources.size() > 500) {
      result = new SubscribeResult(SubscribeResult.Outcome.INVALID,
          "Choose e-mail, SMS or webhook, and components of this page.");
    } else {
      boolean incidents = !f.containsKey("maintenance") || f.containsKey("incidents");
      boolean maintenance = !f.containsKey("incidents") || f.containsKey("maintenance");
      result = pages.subscribe(page.id(), channel, first(f, "address").orElse(""), resources,
          incidents, maintenance);
    }
    int status = switch (result.outcome()) {
      case PENDING_CONFIRMATION -> 202;
      case QUOTA_EXCEEDED -> 409;
      case INVALID -> 422;
      case NOT_SUBSCRIBABLE -> 403;
    };
    if (req.header("Accept").orElse("").contains("application/json")) {
      return HttpResponse.json(status, "{\"result\":\""
          + result.outcome().name().toLowerCase(Locale.ROOT) + "\",\"message\":"
          + jsonString(result.message()) + "}");
    }
    return HttpResponse.html(status, renderer.message(page, messages(page, req), mount(req),
        result.message(), null, null, null));
  }

  private HttpResponse confirm(HttpRequest req) {
    StatusPage page = find(req);
    Messages m = messages(page, req);
    ConfirmResult r = pages.confirm(req.query("token").orElse(""));
    String text = switch (r) {
      case CONFIRMED -> m.get("subscribe.confirmed");
      case EXPIRED -> m.get("subscribe.expired");
      case UNKNOWN -> m.get("subscribe.unknown");
    };
    int status = switch (r) {
      case CONFIRMED -> 200;
      case EXPIRED -> 410;
      case UNKNOWN -> 404;
    };
    return HttpResponse.html(status, renderer.message(page, m, mount(req), text, null, null, null));
  }

  /** Shows a button: a link scanner fetching the GET must not unsubscribe anybody. */
  private HttpResponse unsubscribeForm(HttpRequest req) {
    StatusPage page = find(req);
    Messages m = messages(page, req);
    String token = req.query("token").orElse("");
    if (pages.verifyUnsubscribe(token).isEmpty()) {
      return HttpResponse.html(404, renderer.message(page, m, mount(req), m.get("unsubscribe.invalid"), null,
          null, null));
    }
    return HttpResponse.html(renderer.message(page, m, mount(req), m.get("unsubscribe.confirm"),
        pagePath(page, req) + "/subscriptions/unsubscribe", token, m.get("unsubscribe")));
  }

  /** Unsubscribes; also answers RFC 8058 one-click posts ({@code ?token=} in the URL). */
  private HttpResponse unsubscribe(HttpRequest req) throws IOException {
    StatusPage page = find(req);
    Messages m = messages(page, req);
    String token = first(form(req), "token").or(() -> req.query("token")).orElse("");
    if (pages.verifyUnsubscribe(token).isEmpty()) {
      return HttpResponse.html(404, renderer.message(page, m, mount(req), m.get("unsubscribe.invalid"), null,
          null, null));
    }
    pages.unsubscribe(token);
    return HttpResponse.html(renderer.message(page, m, mount(req), m.get("unsubscribe.done"), null, null,
        null));
  }

  // ---------------------------------------------------------------- helpers

  private StatusPage find(HttpRequest req) {
    String id = req.pathVariable("page").orElse("");
    if (!dev.obskit.core.id.IdFormat.isValid(id)) {
      throw new HttpStatusException(404, "no such status page");
    }
    return pages.page(StatusPageId.of(id)).orElseThrow(() ->
        new HttpStatusException(404, "no such status page"));
  }

  private String pagePath(StatusPage page, HttpRequest req) {
    return mount(req) + base + "/" + page.id().value();
  }

  /** Returns the path the kit's routes are mounted under ({@code ""} at the root). */
  private static String mount(HttpRequest req) {
    String path = req.baseUrl().getRawPath();
    return path == null || path.equals("/") ? "" : path;
  }

  private static Messages messages(StatusPage page, HttpRequest req) {
    return Messages.choose(page.options().locale(), req.header("Accept-Language").orElse(null));
  }

  private static HttpResponse refuse(int status, String message, boolean html) {
    return html ? HttpResponse.html(status, "<!DOCTYPE html><html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><title>" + status + "</title></head><body><main><h1>"
        + message + "</h1></main></body></html>")
        : HttpResponse.json(status, "{\"error\":" + jsonString(message) + "}");
  }

  /** Builds the page's Content-Security-Policy: scripts only when the owner configured some. */
  static String csp(PageOptions o) {
    StringBuilder script = new StringBuilder();
    if (!o.customJs().isEmpty() || !o.googleAnalyticsId().isEmpty()
        || !o.mixpanelToken().isEmpty() || !o.intercomAppId().isEmpty()) {
      script.append("'unsafe-inline'");
      if (!o.googleAnalyticsId().isEmpty()) {
        script.append(" https://www.googletagmanager.com");
      }
      if (!o.mixpanelToken().isEmpty()) {
        script.append(" https://cdn.mxpnl.com");
      }
      if (!o.intercomAppId().isEmpty()) {
        script.append(" https://widget.intercom.io https://js.intercomcdn.com");
      }
    }
    return "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; "
        + (script.length() == 0 ? "" : "script-src " + script + "; connect-src https:; ")
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }

  static Map<String, List<String>> form(HttpRequest req) throws IOException {
    String ct = req.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    byte[] body = req.bodyBytes();
    Map<String, List<String>> out = new HashMap<>();
    if (!ct.startsWith("application/x-www-form-urlencoded") || body.length == 0) {
      return out;
    }
    String s = new String(body, StandardCharsets.UTF_8);
    String[] pairs = s.split("&", 201);
    for (int i = 0; i < Math.min(pairs.length, 200); i++) {
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      } catch (IllegalArgumentException e) {
        throw new HttpStatusException(400, "malformed form body");
      }
    }
    return out;
  }

  private static Optional<String> first(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '<' -> b.append("\\u003c");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
