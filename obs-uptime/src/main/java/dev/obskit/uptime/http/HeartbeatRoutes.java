package dev.obskit.uptime.http;

import dev.obskit.core.http.HttpMethod;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.http.RouteHandler;
import dev.obskit.uptime.heartbeat.HeartbeatService;
import dev.obskit.uptime.heartbeat.PingOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Heartbeat pings over HTTP, group {@code heartbeats} (Healthchecks.io / Better Stack style, so a
 * cron job can {@code curl} its URL): {@code GET|POST|HEAD /heartbeats/{token}} records a
 * successful run, {@code /heartbeats/{token}/fail} a failed one, {@code /heartbeats/{token}/{exitCode}}
 * a run with that exit code (0 succeeds, 1..255 fails). A POST body (at most
 * {@value #MAX_BODY_BYTES} bytes, e.g. the job's last output lines) becomes the failure message,
 * scrubbed and truncated by {@link HeartbeatService}. Answers 200 {@code OK}, 404 for an unknown
 * token, 400 for a malformed one or exit code. Thread-safe.
 */
public final class HeartbeatRoutes {
  /** Largest ping body read. */
  public static final int MAX_BODY_BYTES = 10 * 1024;
  private static final int GENERIC_FAILURE = 1;

  private final HeartbeatService heartbeats;

  private HeartbeatRoutes(HeartbeatService heartbeats) {
    this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
  }

  /** Returns the {@code heartbeats} group over {@code heartbeats}. */
  public static RouteGroup group(HeartbeatService heartbeats) {
    HeartbeatRoutes r = new HeartbeatRoutes(heartbeats);
    List<Route> routes = new ArrayList<>();
    add(routes, "/heartbeats/{token}", r::success);
    add(routes, "/heartbeats/{token}/fail", req -> r.failure(req, GENERIC_FAILURE));
    add(routes, "/heartbeats/{token}/{exitCode}", r::exitCode);
    return RouteGroup.of("heartbeats", routes);
  }

  private static void add(List<Route> routes, String path, RouteHandler handler) {
    for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD}) {
      routes.add(Route.of(m, path, handler).withMaxBodyBytes(MAX_BODY_BYTES));
    }
  }

  private HttpResponse success(HttpRequest request) {
    return answer(heartbeats.ping(token(request)));
  }

  private HttpResponse failure(HttpRequest request, int exitCode) throws IOException {
    String message = new String(request.bodyBytes(), StandardCharsets.UTF_8).strip();
    return answer(heartbeats.fail(token(request), message.isEmpty() ? "failed (exit code "
        + exitCode + ")" : message, exitCode));
  }

  private HttpResponse exitCode(HttpRequest request) throws IOException {
    String raw = request.pathVariable("exitCode").orElse("");
    int code;
    try {
      code = raw.length() <= 3 ? Integer.parseInt(raw) : -1;
    } catch (NumberFormatException e) {
      code = -1;
    }
    if (code < 0 || code > 255 || !raw.chars().allMatch(Character::isDigit)) {
      return HttpResponse.text(400, "exit code must be 0..255\n");
    }
    return code == 0 ? success(request) : failure(request, code);
  }

  private static String token(HttpRequest request) {
    return request.pathVariable("token").orElse("");
  }

  private static HttpResponse answer(PingOutcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> HttpResponse.text("OK\n");
      case PAUSED -> HttpResponse.text("OK (paused)\n");
      case UNKNOWN_HEARTBEAT -> HttpResponse.text(404, "unknown heartbeat\n");
      case REJECTED -> HttpResponse.text(400, "malformed heartbeat token\n");
    };
  }
}
