package dev.obskit.incidents.http;

import dev.obskit.core.ObsContext;
import dev.obskit.core.http.ApiAccess;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpText;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.PageRequest;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.incidents.oncall.FinalSchedule;
import dev.obskit.incidents.oncall.FinalShift;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The incidents' part of the read-only JSON API (group {@code api}, bearer token per team, see
 * {@link ApiAccess}): {@code GET /api/v1/teams/{team}/incidents} lists the open incidents with
 * their timelines, {@code GET /api/v1/teams/{team}/oncall} who is on call now and next in each of
 * the team's schedules (when obs-incidents' on-call module is present). Thread-safe.
 */
public final class IncidentsApiRoutes {
  /** How far ahead "next on call" looks. */
  static final Duration LOOKAHEAD = Duration.ofDays(31);
  private final ObsContext ctx;
  private final IncidentService incidents;
  private final ApiAccess access;

  private IncidentsApiRoutes(ObsContext ctx, IncidentService incidents) {
    this.ctx = ctx;
    this.incidents = incidents;
    this.access = ApiAccess.fromConfig(ctx.config());
  }

  /** Registers the routes in {@code ctx}. */
  public static void register(ObsContext ctx, IncidentService incidents) {
    IncidentsApiRoutes r = new IncidentsApiRoutes(ctx, incidents);
    ctx.routes().add(RouteGroup.of("api",
        Route.get("/api/v1/teams/{team}/incidents", r::openIncidents),
        Route.get("/api/v1/teams/{team}/oncall", r::onCall)));
  }

  private HttpResponse openIncidents(HttpRequest req) {
    TeamId team = access.authorize(req);
    StringJoiner list = new StringJoiner(",", "{\"incidents\":[", "]}");
    incidents.repository().listOpen().stream().filter(i -> i.teamId().equals(team))
        .forEach(i -> list.add(json(i)));
    return HttpResponse.json(list.toString());
  }

  static String json(Incident i) {
    StringJoiner timeline = new StringJoiner(",", "[", "]");
    for (TimelineEntry e : i.timeline()) {
      timeline.add("{\"at\":" + HttpText.json(e.at().toString()) + ",\"type\":" + HttpText.json(e.type().name())
          + ",\"actor\":" + HttpText.json(e.actor()) + ",\"message\":" + HttpText.json(e.message()) + "}");
    }
    return "{\"id\":" + HttpText.json(i.id().value()) + ",\"title\":" + HttpText.json(i.title())
        + ",\"severity\":" + HttpText.json(i.severity().name()) + ",\"status\":" + HttpText.json(i.status().name())
        + ",\"createdAt\":" + HttpText.json(i.createdAt().toString())
        + ",\"acknowledgedBy\":" + HttpText.json(i.acknowledgedBy())
        + ",\"alertCount\":" + i.alertCount() + ",\"timeline\":" + timeline + "}";
  }

  private HttpResponse onCall(HttpRequest req) {
    TeamId team = access.authorize(req);
    Optional<ScheduleService> schedules = ctx.lookup(ScheduleService.class);
    StringJoiner list = new StringJoiner(",", "{\"schedules\":[", "]}");
    Instant now = ctx.clock().instant();
    if (schedules.isPresent()) {
      for (Schedule s : schedules.get().list(team, PageRequest.first(100)).items()) {
        FinalSchedule shifts = schedules.get().finalSchedule(team, s.id(), now, now.plus(LOOKAHEAD));
        list.add("{\"id\":" + HttpText.json(s.id().value()) + ",\"name\":" + HttpText.json(s.name())
            + ",\"now\":" + users(shifts.whoIsOnCall(now)) + ",\"next\":" + next(shifts, now) + "}");
      }
    }
    return HttpResponse.json(list.toString());
  }

  private static String next(FinalSchedule shifts, Instant now) {
    List<UserId> current = shifts.whoIsOnCall(now);
    for (FinalShift shift : shifts.shifts()) {
      if (!shift.isGap() && shift.start().isAfter(now) && !shift.users().equals(current)) {
        return "{\"from\":" + HttpText.json(shift.start().toString()) + ",\"users\":" + users(shift.users()) + "}";
      }
    }
    return "null";
  }

  private static String users(List<UserId> users) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    users.forEach(u -> j.add(HttpText.json(u.value())));
    return j.toString();
  }
}
