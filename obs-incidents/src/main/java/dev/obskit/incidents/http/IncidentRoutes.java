package dev.obskit.incidents.http;

import dev.obskit.core.ObsContext;
import dev.obskit.core.http.HttpMethod;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpText;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.incident.Conflict;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.TransitionResult;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.oncall.ical.CalendarFeedTokens;
import dev.obskit.incidents.oncall.ical.OnCallCalendars;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The incidents' HTTP routes. Group {@code incidents}: the acknowledge/resolve links of every
 * notification, {@code /incidents/{team}/{incident}/{acknowledge|resolve}?token=...}. GET shows a
 * confirmation page with one button (so mail scanners that open links act on nothing); POST acts.
 * Clicking twice acts once and the second page says it was already done; a tampered link is
 * refused (403), an expired one (410) and one sent before a re-open (409) with a page saying why.
 * Group {@code calendars}: the iCal feeds {@code /calendars/{team}/{schedule}/feed.ics?token=} and
 * {@code /calendars/{team}/{schedule}/users/{user}/feed.ics?token=} for calendar apps, with the
 * secret tokens of {@link CalendarFeedTokens}. Thread-safe.
 */
public final class IncidentRoutes {
  private final IncidentService incidents;
  private final ActionLinks links;
  private final CalendarFeedTokens feeds;
  private final ObsContext ctx;

  private IncidentRoutes(IncidentService incidents, ActionLinks links, CalendarFeedTokens feeds,
      ObsContext ctx) {
    this.incidents = incidents;
    this.links = links;
    this.feeds = feeds;
    this.ctx = ctx;
  }

  /** Registers both groups in {@code ctx}. */
  public static void register(ObsContext ctx, IncidentService incidents, ActionLinks links,
      CalendarFeedTokens feeds) {
    IncidentRoutes r = new IncidentRoutes(incidents, links, feeds, ctx);
    String action = "/incidents/{team}/{incident}/{action}";
    ctx.routes().add(RouteGroup.of("incidents",
        Route.get(action, req -> r.link(req, false)).withMaxBodyBytes(0),
        Route.of(HttpMethod.POST, action, req -> r.link(req, true)).withMaxBodyBytes(1024)));
    ctx.routes().add(RouteGroup.of("calendars",
        Route.get("/calendars/{team}/{schedule}/feed.ics", r::scheduleFeed),
        Route.get("/calendars/{team}/{schedule}/users/{user}/feed.ics", r::userFeed)));
  }

  private HttpResponse link(HttpRequest req, boolean act) {
    Optional<ActionLinks.Action> action = action(req.pathVariable("action").orElse(""));
    String team = req.pathVariable("team").orElse("");
    String id = req.pathVariable("incident").orElse("");
    if (action.isEmpty() || !IdFormat.isValid(team) || !IdFormat.isValid(id)) {
      return page(404, "Not found", "There is no such link.");
    }
    Optional<Incident> incident = incidents.find(TeamId.of(team), IncidentId.of(id));
    String token = req.query("token").orElse(null);
    ActionLinks.Verdict verdict = incident.isEmpty() ? ActionLinks.Verdict.INVALID
        : links.check(action.get(), TeamId.of(team), IncidentId.of(id), token,
            ActionLinks.epochOf(incident.get()));
    return switch (verdict) {
      case INVALID -> page(403, "Link refused", "This link is not valid: it was altered, or it "
          + "belongs to another incident or action.");
      case EXPIRED -> page(410, "Link expired", "This link has expired. Use the links of a newer "
          + "notification, or open the incident in your tools.");
      case STALE -> page(409, "Link out of date", "The incident was re-opened after this link was "
          + "sent. Use the links of the newest notification.");
      case VALID -> act ? perform(action.get(), incident.get()) : confirm(action.get(), incident.get());
    };
  }

  private HttpResponse confirm(ActionLinks.Action action, Incident incident) {
    String verb = verb(action);
    return htmlPage(200, verb + " incident", "<p><b>" + HttpText.html(incident.title()) + "</b> is "
        + HttpText.html(incident.status().name().toLowerCase(Locale.ROOT)) + ".</p>"
        + "<form method=\"post\"><button type=\"submit\">" + verb + "</button></form>");
  }

  private HttpResponse perform(ActionLinks.Action action, Incident incident) {
    TransitionResult result = action == ActionLinks.Action.ACKNOWLEDGE
        ? incidents.acknowledge(incident.teamId(), incident.id(), "link")
        : incidents.resolve(incident.teamId(), incident.id(), "link", "via link");
    String title = HttpText.html(incident.title());
    if (result.isApplied()) {
      return htmlPage(200, verb(action) + "d", "<b>" + title + "</b> is now "
          + (action == ActionLinks.Action.ACKNOWLEDGE ? "acknowledged" : "resolved") + ".");
    }
    if (result instanceof TransitionResult.Rejected rejected) {
      Incident now = rejected.current();
      String already = rejected.conflict() == Conflict.ALREADY_ACKNOWLEDGED
          ? "already acknowledged" + by(now.acknowledgedBy(), now.acknowledgedAt())
          : rejected.conflict() == Conflict.ALREADY_RESOLVED
              ? "already resolved" + by(now.resolvedBy(), now.resolvedAt())
              : "unchanged";
      return htmlPage(200, "Nothing to do", "<b>" + title + "</b> was " + already + ".");
    }
    return page(404, "Not found", "There is no such incident.");
  }

  private static String by(String who, Instant at) {
    return (who == null ? "" : " by " + HttpText.html(who)) + (at == null ? "" : " at " + at);
  }

  private HttpResponse scheduleFeed(HttpRequest req) {
    return feed(req, null);
  }

  private HttpResponse userFeed(HttpRequest req) {
    return feed(req, req.pathVariable("user").orElse(""));
  }

  private HttpResponse feed(HttpRequest req, String user) {
    String team = req.pathVariable("team").orElse("");
    String schedule = req.pathVariable("schedule").orElse("");
    if (!IdFormat.isValid(team) || !IdFormat.isValid(schedule) || (user != null && !IdFormat.isValid(user))) {
      return HttpResponse.text(404, "no such calendar\n");
    }
    TeamId t = TeamId.of(team);
    ScheduleId s = ScheduleId.of(schedule);
    String token = req.query("token").orElse(null);
    boolean ok = user == null ? feeds.verifySchedule(t, s, token) : feeds.verifyUser(t, s, UserId.of(user), token);
    Optional<OnCallCalendars> calendars = ctx.lookup(OnCallCalendars.class);
    if (!ok || calendars.isEmpty()) {
      return HttpResponse.text(404, "no such calendar\n");
    }
    try {
      String ics = user == null ? calendars.get().exportSchedule(t, s)
          : calendars.get().exportUser(t, s, UserId.of(user));
      return HttpResponse.bytes("text/calendar; charset=utf-8", ics.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .withHeader("Cache-Control", "private, max-age=300");
    } catch (RuntimeException unknownSchedule) {
      return HttpResponse.text(404, "no such calendar\n");
    }
  }

  private static Optional<ActionLinks.Action> action(String s) {
    return switch (s) {
      case "acknowledge" -> Optional.of(ActionLinks.Action.ACKNOWLEDGE);
      case "resolve" -> Optional.of(ActionLinks.Action.RESOLVE);
      default -> Optional.empty();
    };
  }

  private static String verb(ActionLinks.Action action) {
    return action == ActionLinks.Action.ACKNOWLEDGE ? "Acknowledge" : "Resolve";
  }

  private static HttpResponse page(int status, String title, String text) {
    return htmlPage(status, title, "<p>" + HttpText.html(text) + "</p>");
  }

  private static HttpResponse htmlPage(int status, String title, String bodyHtml) {
    return HttpResponse.html(status, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + HttpText.html(title)
        + "</title><style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;"
        + "padding:0 1em}button{font-size:1.1em;padding:.5em 1.5em}</style></head><body><h1>"
        + HttpText.html(title) + "</h1>" + bodyHtml + "</body></html>")
        .withHeader("Cache-Control", "no-store");
  }
}
