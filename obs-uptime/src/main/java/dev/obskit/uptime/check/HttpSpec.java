package dev.obskit.uptime.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An HTTP(S) request and what makes its response "up": the status code is in {@link
 * #expectedStatusCodes()} (any 2xx when empty), the body contains {@link #requiredKeyword()} and
 * does not contain {@link #absentKeyword()} (each ignored when empty). Immutable; build with
 * {@link #builder(String)}.
 */
public final class HttpSpec implements CheckSpec {
  /** Methods accepted, as in Better Stack's {@code http_method}, plus OPTIONS and DELETE. */
  public static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  /** Longest request body accepted in a spec. */
  public static final int MAX_BODY_CHARS = 64 * 1024;
  /** Longest keyword accepted. */
  public static final int MAX_KEYWORD_CHARS = 1024;

  private final URI url;
  private final String method;
  private final Map<String, String> headers;
  private final String body;
  private final Set<Integer> expectedStatusCodes;
  private final String requiredKeyword;
  private final String absentKeyword;
  private final boolean followRedirects;
  private final boolean verifyTls;

  private HttpSpec(Builder b) {
    this.url = b.url;
    this.method = b.method;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.body = b.body;
    this.expectedStatusCodes = Collections.unmodifiableSet(new TreeSet<>(b.expectedStatusCodes));
    this.requiredKeyword = b.requiredKeyword;
    this.absentKeyword = b.absentKeyword;
    this.followRedirects = b.followRedirects;
    this.verifyTls = b.verifyTls;
  }

  /** Starts a GET of {@code url} ({@code http} or {@code https} only). */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** Returns a GET of {@code url} with every default. */
  public static HttpSpec get(String url) {
    return builder(url).build();
  }

  /** Returns a builder initialised from this spec. */
  public Builder toBuilder() {
    Builder b = new Builder(url.toString()).setMethod(method).setBody(body)
        .setRequiredKeyword(requiredKeyword).setAbsentKeyword(absentKeyword)
        .setFollowRedirects(followRedirects).setVerifyTls(verifyTls);
    headers.forEach(b::putHeader);
    expectedStatusCodes.forEach(b::addExpectedStatus);
    return b;
  }

  /** Returns the absolute http(s) URL. */
  public URI url() {
    return url;
  }

  /** Returns the upper-case method. */
  public String method() {
    return method;
  }

  /** Returns the request headers in insertion order. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns the request body; empty for none. */
  public String body() {
    return body;
  }

  /** Returns the accepted status codes; empty means any 2xx. */
  public Set<Integer> expectedStatusCodes() {
    return expectedStatusCodes;
  }

  /** Returns whether {@code status} counts as up. */
  public boolean acceptsStatus(int status) {
    return expectedStatusCodes.isEmpty() ? status >= 200 && status <= 299
        : expectedStatusCodes.contains(status);
  }

  /** Returns the keyword the body must contain; empty for no requirement. */
  public String requiredKeyword() {
    return requiredKeyword;
  }

  /** Returns the keyword the body must not contain; empty for no requirement. */
  public String absentKeyword() {
    return absentKeyword;
  }

  /** Returns whether redirects are followed (otherwise a 3xx is judged as is). */
  public boolean followRedirects() {
    return followRedirects;
  }

  /** Returns whether the certificate chain and host name are verified. */
  public boolean verifyTls() {
    return verifyTls;
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.HTTP;
  }

  @Override
  public String targetHost() {
    return url.getHost().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpSpec s && url.equals(s.url) && method.equals(s.method)
        && headers.equals(s.headers) && body.equals(s.body)
        && expectedStatusCodes.equals(s.expectedStatusCodes)
        && requiredKeyword.equals(s.requiredKeyword) && absentKeyword.equals(s.absentKeyword)
        && followRedirects == s.followRedirects && verifyTls == s.verifyTls;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, method, headers, body, expectedStatusCodes, requiredKeyword,
        absentKeyword, followRedirects, verifyTls);
  }

  /** Returns the method and URL without user info, safe to log and to put in alerts. */
  @Override
  public String toString() {
    if (url.getRawUserInfo() == null) {
      return method + " " + url;
    }
    return method + " " + url.getScheme() + "://" + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /** Builds an {@link HttpSpec}; validates eagerly. Not thread-safe. */
  public static final class Builder {
    private final URI url;
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body = "";
    private final Set<Integer> expectedStatusCodes = new TreeSet<>();
    private String requiredKeyword = "";
    private String absentKeyword = "";
    private boolean followRedirects = true;
    private boolean verifyTls = true;

    Builder(String url) {
      this.url = parseUrl(url);
    }

    private static URI parseUrl(String url) {
      Objects.requireNonNull(url, "url");
      if (url.length() > 2048) {
        throw new IllegalArgumentException("url must be at most 2048 characters, got "
            + url.length());
      }
      URI uri;
      try {
        uri = new URI(url.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("url is not a valid URI: '" + Specs.abbreviate(url)
            + "' (" + e.getReason() + ")", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("url must be http or https, got '"
            + Specs.abbreviate(url) + "'");
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        throw new IllegalArgumentException("url has no host: '" + Specs.abbreviate(url) + "'");
      }
      return uri;
    }

    /** Sets the method; one of {@link #METHODS}. Default GET. */
    public Builder setMethod(String method) {
      String m = Objects.requireNonNull(method, "method").strip().toUpperCase(Locale.ROOT);
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("method must be one of " + new TreeSet<>(METHODS)
            + ", got '" + Specs.abbreviate(method) + "'");
      }
      this.method = m;
      return this;
    }

    /** Adds a request header; names and values may not contain line breaks. */
    public Builder putHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
        throw new IllegalArgumentException("header name is not a valid token: '"
            + Specs.abbreviate(name) + "'");
      }
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + " value contains a line break");
      }
      headers.put(name, value);
      return this;
    }

    /** Sets the request body (sent for POST/PUT/PATCH/DELETE). */
    public Builder setBody(String body) {
      Objects.requireNonNull(body, "body");
      if (body.length() > MAX_BODY_CHARS) {
        throw new IllegalArgumentException("body must be at most " + MAX_BODY_CHARS
            + " characters, got " + body.length());
      }
      this.body = body;
      return this;
    }

    /** Adds an accepted status code (100..599); once any is added, 2xx is no longer implied. */
    public Builder addExpectedStatus(int code) {
      if (code < 100 || code > 599) {
        throw new IllegalArgumentException("expected status code must be 100 to 599, got "
            + code);
      }
      expectedStatusCodes.add(code);
      return this;
    }

    /** Requires the body to contain {@code keyword} (case-sensitive); empty clears it. */
    public Builder setRequiredKeyword(String keyword) {
      this.requiredKeyword = keyword(keyword, "requiredKeyword");
      return this;
    }

    /** Requires the body not to contain {@code keyword} (case-sensitive); empty clears it. */
    public Builder setAbsentKeyword(String keyword) {
      this.absentKeyword = keyword(keyword, "absentKeyword");
      return this;
    }

    private static String keyword(String keyword, String name) {
      Objects.requireNonNull(keyword, name);
      if (keyword.length() > MAX_KEYWORD_CHARS) {
        throw new IllegalArgumentException(name + " must be at most " + MAX_KEYWORD_CHARS
            + " characters, got " + keyword.length());
      }
      return keyword;
    }

    /** Sets whether redirects are followed. Default true. */
    public Builder setFollowRedirects(boolean followRedirects) {
      this.followRedirects = followRedirects;
      return this;
    }

    /** Sets whether TLS certificates and host names are verified. Default true. */
    public Builder setVerifyTls(boolean verifyTls) {
      this.verifyTls = verifyTls;
      return this;
    }

    /** Returns the spec. */
    public HttpSpec build() {
      if (!body.isEmpty() && (method.equals("GET") || method.equals("HEAD"))) {
        throw new IllegalArgumentException("a body cannot be sent with " + method);
      }
      return new HttpSpec(this);
    }
  }
}
