package dev.obskit.errors.http;

import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.errors.tracker.IssueTrackerLinks;
import dev.obskit.errors.tracker.IssueTrackerLinks.WebhookOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Issue-tracker webhook routes, group {@code errors-trackers}: {@code POST
 * /errors/webhooks/linear} (verified by {@code Linear-Signature}) and {@code POST
 * /errors/webhooks/jira} (verified by {@code X-Hub-Signature}); a route exists only when its
 * secret is configured, so no unauthenticated request can resolve an issue. Answers 200 with the
 * outcome, or 401 for a rejected delivery. Thread-safe.
 */
public final class TrackerWebhookRoutes {
  /** Largest webhook body read. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private TrackerWebhookRoutes() {}

  /**
   * Returns the routes for the secrets given (null: that tracker's route is not registered), or
   * null when neither is.
   */
  public static RouteGroup group(IssueTrackerLinks links, String linearSecret, String jiraSecret) {
    Objects.requireNonNull(links, "links");
    List<Route> routes = new ArrayList<>();
    if (linearSecret != null && !linearSecret.isBlank()) {
      routes.add(Route.post("/errors/webhooks/linear", r -> answer(links.onLinearWebhook(body(r),
          r.header("Linear-Signature").orElse(null), linearSecret))).withMaxBodyBytes(MAX_BODY_BYTES));
    }
    if (jiraSecret != null && !jiraSecret.isBlank()) {
      routes.add(Route.post("/errors/webhooks/jira", r -> answer(links.onJiraWebhook(body(r),
          r.header("X-Hub-Signature").orElse(null), jiraSecret))).withMaxBodyBytes(MAX_BODY_BYTES));
    }
    return routes.isEmpty() ? null : RouteGroup.of("errors-trackers", routes);
  }

  private static byte[] body(HttpRequest r) throws IOException {
    return r.bodyBytes();
  }

  private static HttpResponse answer(WebhookOutcome outcome) {
    String name = outcome.name().toLowerCase(Locale.ROOT);
    return outcome == WebhookOutcome.REJECTED
        ? HttpResponse.json(401, "{\"detail\":\"webhook signature, timestamp or body rejected\"}")
        : HttpResponse.json(200, "{\"outcome\":\"" + name + "\"}");
  }
}
