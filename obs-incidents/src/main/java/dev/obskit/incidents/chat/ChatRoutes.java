package dev.obskit.incidents.chat;

import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The chat routes, group {@code incidents-chat}: {@code POST /slack/interactivity},
 * {@code POST /slack/commands} and, when a Teams handler is given, {@code POST /teams/webhook}.
 * Bodies are limited to {@value #MAX_BODY_BYTES} bytes (Slack and Teams send a few kilobytes).
 * Register with {@code ctx.routes().add(ChatRoutes.group(...))}.
 */
public final class ChatRoutes {
  /** Largest request body accepted. */
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private ChatRoutes() {}

  /** Returns the routes over {@code slack} and, if non-null, {@code teams}. */
  public static RouteGroup group(SlackWorkflows slack, TeamsOutgoingWebhook teams) {
    Objects.requireNonNull(slack, "slack");
    List<Route> routes = new ArrayList<>();
    routes.add(Route.post("/slack/interactivity", r -> http(slack.interactivity(
        r.header("X-Slack-Request-Timestamp").orElse(null),
        r.header("X-Slack-Signature").orElse(null), body(r)))).withMaxBodyBytes(MAX_BODY_BYTES));
    routes.add(Route.post("/slack/commands", r -> http(slack.command(
        r.header("X-Slack-Request-Timestamp").orElse(null),
        r.header("X-Slack-Signature").orElse(null), body(r)))).withMaxBodyBytes(MAX_BODY_BYTES));
    if (teams != null) {
      routes.add(Route.post("/teams/webhook", r -> http(teams.handle(
          r.header("Authorization").orElse(null), body(r)))).withMaxBodyBytes(MAX_BODY_BYTES));
    }
    return RouteGroup.of("incidents-chat", routes);
  }

  /**
   * Builds the Slack workflows (and the Teams webhook when {@code teamsSecurityToken} is not null)
   * for {@code team} and registers their routes with the kit; returns the workflows so the module
   * can close them.
   */
  public static SlackWorkflows register(dev.obskit.core.ObsContext ctx,
      dev.obskit.incidents.incident.IncidentService incidents,
      dev.obskit.incidents.oncall.OnCallDirectory onCall, dev.obskit.core.id.TeamId team,
      String slackSigningSecret, String teamsSecurityToken,
      dev.obskit.core.id.EscalationPolicyId policy) {
    SlackWorkflows slack = SlackWorkflows.builder().setIncidents(incidents).setTeam(team)
        .setSigningSecret(slackSigningSecret).setClock(ctx.clock()).setOnCall(onCall)
        .setPolicy(policy).build();
    ctx.routes().add(group(slack, teamsSecurityToken == null ? null : slack.teams(teamsSecurityToken)));
    return slack;
  }

  private static byte[] body(HttpRequest r) throws IOException {
    return r.bodyBytes();
  }

  private static HttpResponse http(ChatReply reply) {
    return HttpResponse.json(reply.status(), reply.json());
  }
}
