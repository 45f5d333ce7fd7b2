package dev.obskit.uptime.http;

import dev.obskit.core.availability.RangeAvailability;
import dev.obskit.core.http.ApiAccess;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpText;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.heartbeat.Heartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The uptime part of the read-only JSON API (group {@code api}, bearer token per team, see
 * {@link ApiAccess}): {@code GET /api/v1/teams/{team}/monitors} lists the team's monitors and
 * heartbeats with their state and their uptime over the last 24 hours and 30 days. Thread-safe.
 */
public final class UptimeApiRoutes {
  private final UptimeModule uptime;
  private final AvailabilityView view;
  private final Clock clock;
  private final ApiAccess access;

  private UptimeApiRoutes(UptimeModule uptime, AvailabilityView view, Clock clock, ApiAccess access) {
    this.uptime = uptime;
    this.view = view;
    this.clock = clock;
    this.access = access;
  }

  /** Returns the route group; {@code uptime} is read only when a request arrives. */
  public static RouteGroup group(UptimeModule uptime, AvailabilityView view, Clock clock,
      ApiAccess access) {
    UptimeApiRoutes r = new UptimeApiRoutes(uptime, view, clock, access);
    return RouteGroup.of("api", Route.get("/api/v1/teams/{team}/monitors", r::list));
  }

  private HttpResponse list(HttpRequest req) {
    TeamId team = access.authorize(req);
    StringJoiner out = new StringJoiner(",", "{\"monitors\":[", "]}");
    for (Monitor m : uptime.monitors()) {
      if (m.teamId().equals(team)) {
        out.add(json(m.id(), m.name(), "monitor"));
      }
    }
    for (Heartbeat h : uptime.heartbeats().list()) {
      if (h.teamId().equals(team)) {
        out.add(json(h.id(), h.name(), "heartbeat"));
      }
    }
    return HttpResponse.json(out.toString());
  }

  private String json(MonitorId id, String name, String kind) {
    Instant now = clock.instant();
    String state = view.status(id).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("unknown");
    return "{\"id\":" + HttpText.json(id.value()) + ",\"name\":" + HttpText.json(name)
        + ",\"kind\":" + HttpText.json(kind) + ",\"state\":" + HttpText.json(state)
        + ",\"uptime24h\":" + percent(view.range(id, now.minus(Duration.ofDays(1)), now))
        + ",\"uptime30d\":" + percent(view.range(id, now.minus(Duration.ofDays(30)), now)) + "}";
  }

  private static String percent(RangeAvailability r) {
    double p = r.uptimePercent();
    return Double.isFinite(p) ? String.format(Locale.ROOT, "%.3f", p) : "null";
  }
}
