package dev.obskit.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link HttpRequest} the {@link Router} gives handlers. */
final class DefaultHttpRequest implements HttpRequest {
  static final int MAX_QUERY_PARAMETERS = 256;
  private final IncomingRequest in;
  private final HttpMethod method;
  private final String path;
  private final Map<String, String> variables;
  private final InetAddress remote;
  private final InputStream body;
  private final Map<String, List<String>> query;
  private byte[] bytes;

  DefaultHttpRequest(IncomingRequest in, HttpMethod method, String path,
      Map<String, String> variables, InetAddress remote, long maxBodyBytes) {
    this.in = in;
    this.method = method;
    this.path = path;
    this.variables = Collections.unmodifiableMap(variables);
    this.remote = remote;
    this.body = new LimitedInputStream(in.body(), maxBodyBytes);
    // Parsed up front so a malformed query is a 400 for every route, as containers answer it.
    this.query = parseQuery(in.rawQuery());
  }

  @Override
  public HttpMethod method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Optional<String> pathVariable(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  @Override
  public Map<String, String> pathVariables() {
    return variables;
  }

  @Override
  public Optional<String> query(String name) {
    List<String> values = queryParameters().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** Parses a form-encoded query; malformed escapes or too many parameters answer 400. */
  static Map<String, List<String>> parseQuery(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    int count = 0;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++count > MAX_QUERY_PARAMETERS) {
        throw new HttpStatusException(400, "too many query parameters");
      }
      int eq = pair.indexOf('=');
      String k = decodeForm(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  private static String decodeForm(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpStatusException(400, "malformed query string");
    }
  }

  @Override
  public Optional<String> header(String name) {
    List<String> values = in.headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  @Override
  public List<String> headers(String name) {
    return in.headerValues(name);
  }

  @Override
  public Optional<String> cookie(String name) {
    for (String header : in.headerValues("Cookie")) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
          String v = part.substring(eq + 1).trim();
          if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
          }
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public byte[] bodyBytes() throws IOException {
    if (bytes == null) {
      bytes = body.readAllBytes();
    }
    return bytes;
  }

  @Override
  public InetAddress remoteAddress() {
    return remote;
  }

  @Override
  public URI baseUrl() {
    return in.baseUrl();
  }

  @Override
  public URI requestUrl() {
    String q = in.rawQuery();
    return URI.create(in.baseUrl() + in.rawPath() + (q == null || q.isEmpty() ? "" : "?" + q));
  }

  @Override
  public String toString() {
    return method + " request";
  }
}
