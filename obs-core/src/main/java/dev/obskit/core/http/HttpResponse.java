package dev.obskit.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An HTTP response: status, multi-valued headers (names case-insensitive) and a body that is
 * bytes, a {@link BodyWriter} stream, or a server-sent-events stream. Immutable and thread-safe;
 * build one with the static factories or {@link #builder()}.
 *
 * <p>{@link #html} adds the security headers every HTML page carries (a strict
 * Content-Security-Policy with {@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy: no-referrer}); the router adds {@code X-Content-Type-Options: nosniff}
 * to every response.
 */
public final class HttpResponse {
  /** Content-Security-Policy of HTML pages: no scripts, inline styles only, no framing. */
  public static final String HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; "
      + "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  /** Default number of events buffered per server-sent-events client before it is dropped. */
  public static final int DEFAULT_EVENT_BUFFER = 1024;
  private static final byte[] EMPTY = new byte[0];

  enum Kind { BYTES, STREAM, EVENTS }

  private final int status;
  private final Map<String, List<String>> headers;
  private final Kind kind;
  private final byte[] body;
  private final BodyWriter writer;
  private final EventStreamHandler events;
  private final int eventBuffer;

  private HttpResponse(Builder b) {
    this.status = b.status;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(copy);
    this.kind = b.kind;
    this.body = b.body;
    this.writer = b.writer;
    this.events = b.events;
    this.eventBuffer = b.eventBuffer;
  }

  /** Returns a new builder for status 200 with an empty body. */
  public static Builder builder() {
    return new Builder();
  }

  /** 200 with an empty body. */
  public static HttpResponse ok() {
    return status(200);
  }

  /** 204 No Content. */
  public static HttpResponse noContent() {
    return status(204);
  }

  /** {@code status} with an empty body. */
  public static HttpResponse status(int status) {
    return builder().status(status).build();
  }

  /** 200 with a JSON body (UTF-8). */
  public static HttpResponse json(String json) {
    return json(200, json);
  }

  /** {@code status} with a JSON body (UTF-8). */
  public static HttpResponse json(int status, String json) {
    return builder().status(status).body("application/json", utf8(json, "json")).build();
  }

  /** 200 with an HTML page (UTF-8) and the HTML security headers. */
  public static HttpResponse html(String html) {
    return html(200, html);
  }

  /** {@code status} with an HTML page (UTF-8) and the HTML security headers. */
  public static HttpResponse html(int status, String html) {
    return builder().status(status).body("text/html; charset=utf-8", utf8(html, "html"))
        .header("Content-Security-Policy", HTML_CSP)
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  /** 200 with a plain-text body (UTF-8). */
  public static HttpResponse text(String text) {
    return text(200, text);
  }

  /** {@code status} with a plain-text body (UTF-8). */
  public static HttpResponse text(int status, String text) {
    return builder().status(status).body("text/plain; charset=utf-8", utf8(text, "text")).build();
  }

  /** 200 with {@code body} (not copied: the caller must not change it) of {@code contentType}. */
  public static HttpResponse bytes(String contentType, byte[] body) {
    return builder().body(contentType, body).build();
  }

  /** 200 with a body streamed by {@code writer} (chunked; no Content-Length). */
  public static HttpResponse stream(String contentType, BodyWriter writer) {
    return builder().stream(contentType, writer).build();
  }

  /** 303 See Other to {@code location}. */
  public static HttpResponse redirect(String location) {
    return builder().status(303).header("Location", Objects.requireNonNull(location, "location"))
        .build();
  }

  /** A {@code text/event-stream} response fed by {@code handler}, buffering up to 1024 events. */
  public static HttpResponse eventStream(EventStreamHandler handler) {
    return eventStream(handler, DEFAULT_EVENT_BUFFER);
  }

  /** A {@code text/event-stream} response fed by {@code handler}, buffering {@code capacity}. */
  public static HttpResponse eventStream(EventStreamHandler handler, int capacity) {
    return builder().events(handler, capacity).build();
  }

  private static byte[] utf8(String s, String name) {
    return Objects.requireNonNull(s, name).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the status code. */
  public int status() {
    return status;
  }

  /** Returns every header, names case-insensitive, values in order. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns the first value of header {@code name}. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the byte body's length; empty for streamed and event-stream bodies. */
  public OptionalLong contentLength() {
    return kind == Kind.BYTES ? OptionalLong.of(body.length) : OptionalLong.empty();
  }

  /** Returns the byte body (empty for streamed bodies); callers must not change it. */
  public byte[] bodyBytes() {
    return kind == Kind.BYTES ? body : EMPTY;
  }

  /** Returns the byte body decoded as UTF-8 (for tests and logs). */
  public String bodyText() {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }

  /** Returns whether this is a server-sent-events stream. */
  public boolean isEventStream() {
    return kind == Kind.EVENTS;
  }

  Kind kind() {
    return kind;
  }

  BodyWriter writer() {
    return writer;
  }

  EventStreamHandler events() {
    return events;
  }

  int eventBuffer() {
    return eventBuffer;
  }

  /** Returns a builder holding this response's status, headers and body. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    headers.forEach((k, v) -> b.headers.put(k, new ArrayList<>(v)));
    b.kind = kind;
    b.body = body;
    b.writer = writer;
    b.events = events;
    b.eventBuffer = eventBuffer;
    return b;
  }

  /** Returns a copy with header {@code name} added. */
  public HttpResponse withHeader(String name, String value) {
    return toBuilder().header(name, value).build();
  }

  @Override
  public String toString() {
    return "HttpResponse{" + status + ", " + header("Content-Type").orElse("no body") + "}";
  }

  /** Builds an {@link HttpResponse}. Not thread-safe. */
  public static final class Builder {
    private int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Kind kind = Kind.BYTES;
    private byte[] body = EMPTY;
    private BodyWriter writer;
    private EventStreamHandler events;
    private int eventBuffer = DEFAULT_EVENT_BUFFER;

    private Builder() {}

    /** Sets the status, 100..599. */
    public Builder status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100..599, got " + status);
      }
      this.status = status;
      return this;
    }

    /** Adds a value to header {@code name}; CR and LF are refused (header injection). */
    public Builder header(String name, String value) {
      checkHeaderText("header name", name);
      checkHeaderText("header value", value);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Replaces header {@code name} with {@code value}. */
    public Builder setHeader(String name, String value) {
      headers.remove(Objects.requireNonNull(name, "name"));
      return header(name, value);
    }

    /** Sets a byte body (not copied) and its Content-Type. */
    public Builder body(String contentType, byte[] body) {
      this.kind = Kind.BYTES;
      this.body = Objects.requireNonNull(body, "body");
      return setHeader("Content-Type", contentType);
    }

    /** Sets a streamed body and its Content-Type. */
    public Builder stream(String contentType, BodyWriter writer) {
      this.kind = Kind.STREAM;
      this.writer = Objects.requireNonNull(writer, "writer");
      return setHeader("Content-Type", contentType);
    }

    /** Makes this a server-sent-events stream fed by {@code handler}. */
    public Builder events(EventStreamHandler handler, int capacity) {
      if (capacity <= 0) {
        throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
      }
      this.kind = Kind.EVENTS;
      this.events = Objects.requireNonNull(handler, "handler");
      this.eventBuffer = capacity;
      setHeader("Cache-Control", "no-store");
      return setHeader("Content-Type", "text/event-stream; charset=utf-8");
    }

    /** Returns the response. */
    public HttpResponse build() {
      return new HttpResponse(this);
    }

    private static void checkHeaderText(String what, String s) {
      Objects.requireNonNull(s, what);
      if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(what + " must not contain CR or LF");
      }
    }
  }
}
