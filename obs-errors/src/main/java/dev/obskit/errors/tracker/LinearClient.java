package dev.obskit.errors.tracker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Creates Linear issues through Linear's GraphQL API ({@code issueCreate}) with the JDK HTTP
 * client: {@code POST https://api.linear.app/graphql}, header {@code Authorization: <api key>}.
 * Blocks for one request, at most the timeout (default 10 s). The API key is never logged.
 * Thread-safe.
 */
public final class LinearClient implements TrackerClient {
  /** Linear's GraphQL endpoint. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://api.linear.app/graphql");
  static final String MUTATION = "mutation IssueCreate($input: IssueCreateInput!) {"
      + " issueCreate(input: $input) { success issue { id identifier url } } }";

  private final URI endpoint;
  private final String apiKey;
  private final String teamId;
  private final Duration timeout;
  private final HttpClient http;

  private LinearClient(URI endpoint, String apiKey, String teamId, Duration timeout) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.teamId = teamId;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Returns a client creating issues in Linear team {@code teamId} with {@code apiKey}. */
  public static LinearClient create(String apiKey, String teamId) {
    return create(DEFAULT_ENDPOINT, apiKey, teamId, Duration.ofSeconds(10));
  }

  /** Returns a client for another endpoint (a proxy, a test server) and timeout. */
  public static LinearClient create(URI endpoint, String apiKey, String teamId, Duration timeout) {
    return new LinearClient(Objects.requireNonNull(endpoint, "endpoint"),
        Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(teamId, "teamId"),
        Objects.requireNonNull(timeout, "timeout"));
  }

  @Override
  public TrackerLink createIssue(String title, String summary, String stack) throws TrackerException {
    String description = summary + (stack == null ? "" : "\n\n```\n" + stack + "\n```");
    byte[] body = TrackerJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("query", MUTATION);
      g.writeObjectFieldStart("variables");
      g.writeObjectFieldStart("input");
      g.writeStringField("teamId", teamId);
      g.writeStringField("title", title);
      g.writeStringField("description", description);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    });
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Authorization", apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<byte[]> response = TrackerJson.send(http, request, "Linear");
    Object json;
    try {
      json = TrackerJson.read(response.body());
    } catch (IOException e) {
      throw new TrackerException("Linear answered " + response.statusCode() + " with invalid JSON", e);
    }
    String id = TrackerJson.text(json, "data", "issueCreate", "issue", "id");
    if (response.statusCode() != 200 || !Boolean.TRUE.equals(TrackerJson.at(json, "data", "issueCreate", "success"))
        || id == null) {
      Object errors = TrackerJson.at(json, "errors");
      throw new TrackerException("Linear refused issueCreate (HTTP " + response.statusCode() + ")"
          + (errors == null ? "" : ": " + limit(String.valueOf(errors))));
    }
    return new TrackerLink("linear", id, TrackerJson.text(json, "data", "issueCreate", "issue", "identifier"),
        TrackerJson.text(json, "data", "issueCreate", "issue", "url"));
  }

  private static String limit(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
