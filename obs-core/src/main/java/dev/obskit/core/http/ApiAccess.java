package dev.obskit.core.http;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TeamId;
import java.util.Map;
import java.util.Objects;

/**
 * Bearer-token access to the read-only JSON API ({@code /api/v1/teams/{team}/...}), one token per
 * team from {@code obs.http.api.tokens} ({@code team-a=token-a,team-b=token-b}). Off unless at
 * least one token is configured (every API route then answers 404). A token opens only its own
 * team: team A's token on team B's URL answers 401, exactly as a wrong token does. Comparison is
 * constant-time; tokens are never logged or echoed. Immutable and thread-safe.
 */
public final class ApiAccess {
  private final Map<String, String> tokens;

  private ApiAccess(Map<String, String> tokens) {
    this.tokens = Map.copyOf(tokens);
  }

  /** Reads {@code obs.http.api.tokens}. */
  public static ApiAccess fromConfig(ConfigProperties config) {
    return of(config.getMap("obs.http.api.tokens"));
  }

  /** Grants each team (key) access with its token (value); tokens of under 16 characters are refused. */
  public static ApiAccess of(Map<String, String> teamTokens) {
    Objects.requireNonNull(teamTokens, "teamTokens");
    teamTokens.forEach((team, token) -> {
      if (token == null || token.length() < 16) {
        throw new IllegalArgumentException("API token of team '" + team + "' must be at least 16 characters");
      }
    });
    return new ApiAccess(teamTokens);
  }

  /** Returns whether any token is configured. */
  public boolean enabled() {
    return !tokens.isEmpty();
  }

  /**
   * Returns the team of {@code request}'s {@code {team}} variable if its bearer token opens it;
   * otherwise throws {@link HttpStatusException} (404 when the API is off, 401 otherwise).
   */
  public TeamId authorize(HttpRequest request) {
    if (!enabled()) {
      throw new HttpStatusException(404, "not found");
    }
    String team = request.pathVariable("team").orElse("");
    String given = HttpSecurity.bearerToken(request.header("Authorization").orElse(null));
    String expected = tokens.get(team);
    // Compare even when the team is unknown, so timing does not tell which teams exist.
    boolean ok = HttpSecurity.constantTimeEquals(expected == null ? "\0unknown" : expected,
        given == null ? "" : given);
    if (!ok || expected == null || !IdFormat.isValid(team)) {
      throw new HttpStatusException(401, "a valid bearer token for this team is required");
    }
    return TeamId.of(team);
  }

  @Override
  public String toString() {
    return "ApiAccess{teams=" + tokens.keySet() + "}";
  }
}
