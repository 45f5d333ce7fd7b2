package dev.obskit.errors.tracker;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Creates Jira Cloud issues with REST v3 ({@code POST /rest/api/3/issue}), the description in
 * Atlassian Document Format (paragraphs, the stack as a code block), basic auth with e-mail and
 * API token, over the JDK HTTP client. Blocks for one request, at most the timeout. The token is
 * never logged. Thread-safe.
 */
public final class JiraClient implements TrackerClient {
  private final URI base;
  private final String authorization;
  private final String projectKey;
  private final String issueType;
  private final Duration timeout;
  private final HttpClient http;

  private JiraClient(URI base, String email, String apiToken, String projectKey, String issueType,
      Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
    this.projectKey = projectKey;
    this.issueType = issueType;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Returns a client for the Jira site {@code base} (e.g. {@code https://acme.atlassian.net})
   * creating issues of {@code issueType} (e.g. {@code Bug}) in project {@code projectKey}.
   */
  public static JiraClient create(URI base, String email, String apiToken, String projectKey,
      String issueType, Duration timeout) {
    return new JiraClient(Objects.requireNonNull(base, "base"), Objects.requireNonNull(email, "email"),
        Objects.requireNonNull(apiToken, "apiToken"), Objects.requireNonNull(projectKey, "projectKey"),
        Objects.requireNonNull(issueType, "issueType"), Objects.requireNonNull(timeout, "timeout"));
  }

  @Override
  public TrackerLink createIssue(String title, String summary, String stack) throws TrackerException {
    byte[] body = TrackerJson.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("fields");
      g.writeObjectFieldStart("project");
      g.writeStringField("key", projectKey);
      g.writeEndObject();
      g.writeStringField("summary", title.length() <= 255 ? title : title.substring(0, 254) + "\u2026");
      g.writeObjectFieldStart("issuetype");
      g.writeStringField("name", issueType);
      g.writeEndObject();
      g.writeFieldName("description");
      adf(g, summary, stack);
      g.writeEndObject();
      g.writeEndObject();
    });
    URI uri = URI.create(base + "/rest/api/3/issue");
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<byte[]> response = TrackerJson.send(http, request, "Jira");
    Object json = null;
    try {
      json = TrackerJson.read(response.body());
    } catch (IOException e) {
      // reported below with the status
    }
    String id = TrackerJson.text(json, "id");
    String key = TrackerJson.text(json, "key");
    if (response.statusCode() != 201 || id == null) {
      throw new TrackerException("Jira refused the issue (HTTP " + response.statusCode() + "): "
          + limit(new String(response.body(), StandardCharsets.UTF_8)));
    }
    return new TrackerLink("jira", id, key, base + "/browse/" + key);
  }

  /** Atlassian Document Format: one paragraph per summary line, the stack as a code block. */
  static void adf(JsonGenerator g, String summary, String stack) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "doc");
    g.writeNumberField("version", 1);
    g.writeArrayFieldStart("content");
    for (String line : summary.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      g.writeStartObject();
      g.writeStringField("type", "paragraph");
      g.writeArrayFieldStart("content");
      text(g, line);
      g.writeEndArray();
      g.writeEndObject();
    }
    if (stack != null && !stack.isBlank()) {
      g.writeStartObject();
      g.writeStringField("type", "codeBlock");
      g.writeArrayFieldStart("content");
      text(g, stack);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String text) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "text");
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  private static String limit(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
