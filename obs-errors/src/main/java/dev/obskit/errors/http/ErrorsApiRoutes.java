package dev.obskit.errors.http;

import dev.obskit.core.http.ApiAccess;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpText;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.PageRequest;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.ProjectRegistry;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueService;
import dev.obskit.errors.issue.StoredEvent;
import java.util.List;
import java.util.StringJoiner;

/**
 * The errors' part of the read-only JSON API (group {@code api}, bearer token per team, see
 * {@link ApiAccess}): {@code GET /api/v1/teams/{team}/issues} lists the issues of each of the
 * team's projects (newest activity first, at most 100 per project) with their counts and latest
 * event. Thread-safe.
 */
public final class ErrorsApiRoutes {
  private static final int PER_PROJECT = 100;
  private final ProjectRegistry projects;
  private final IssueService issues;
  private final EventRepository events;
  private final ApiAccess access;

  private ErrorsApiRoutes(ProjectRegistry projects, IssueService issues, EventRepository events,
      ApiAccess access) {
    this.projects = projects;
    this.issues = issues;
    this.events = events;
    this.access = access;
  }

  /** Returns the route group. */
  public static RouteGroup group(ProjectRegistry projects, IssueService issues, EventRepository events,
      ApiAccess access) {
    ErrorsApiRoutes r = new ErrorsApiRoutes(projects, issues, events, access);
    return RouteGroup.of("api", Route.get("/api/v1/teams/{team}/issues", r::list));
  }

  private HttpResponse list(HttpRequest req) {
    TeamId team = access.authorize(req);
    StringJoiner out = new StringJoiner(",", "{\"issues\":[", "]}");
    for (ProjectConfig p : projects.all()) {
      if (!p.teamId().equals(team)) {
        continue;
      }
      for (Issue i : issues.list(team, p.id(), PageRequest.first(PER_PROJECT)).items()) {
        out.add(json(i, events.latest(team, i.id(), 1)));
      }
    }
    return HttpResponse.json(out.toString());
  }

  private static String json(Issue i, List<StoredEvent> latest) {
    String event = latest.isEmpty() ? "null" : "{\"id\":" + HttpText.json(latest.get(0).event().eventId())
        + ",\"receivedAt\":" + HttpText.json(latest.get(0).receivedAt().toString()) + "}";
    return "{\"id\":" + HttpText.json(i.id().value()) + ",\"project\":" + HttpText.json(i.projectId().value())
        + ",\"title\":" + HttpText.json(i.title()) + ",\"culprit\":" + HttpText.json(i.culprit())
        + ",\"status\":" + HttpText.json(i.status().name()) + ",\"count\":" + i.count()
        + ",\"usersAffected\":" + i.usersAffected() + ",\"firstSeen\":" + HttpText.json(i.firstSeen().toString())
        + ",\"lastSeen\":" + HttpText.json(i.lastSeen().toString()) + ",\"latestEvent\":" + event + "}";
  }
}
