package dev.obskit.telemetry.http;

import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpSecurity;
import dev.obskit.core.http.HttpStatusException;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.telemetry.LiveTail;
import dev.obskit.telemetry.Severity;
import dev.obskit.telemetry.TailFilter;
import dev.obskit.telemetry.TailLine;
import dev.obskit.telemetry.TailSubscription;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Live tail of the shipped logs as server-sent events, group {@code tail}: {@code GET /tail}
 * ({@code ?level=WARN&logger=com.shop&text=timeout}) streams each matching log line, as shipped
 * (scrubbed), as one {@code log} event whose data is the shipped JSON record. Off unless
 * {@code obs.http.tail.token} is set; the token goes in {@code Authorization: Bearer} or
 * {@code ?token=} (browsers' EventSource cannot send headers). Each client has a bounded queue in
 * {@link LiveTail}: a client that cannot keep up is dropped, the logging threads never wait.
 * Thread-safe.
 */
public final class TailRoutes {
  /** Lines queued per client before it is dropped. */
  public static final int CLIENT_CAPACITY = 1_000;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private final LiveTail tail;
  private final String token;

  private TailRoutes(LiveTail tail, String token) {
    this.tail = tail;
    this.token = token;
  }

  /** Returns the {@code tail} group over {@code tail}, token from {@code obs.http.tail.token}. */
  public static RouteGroup group(LiveTail tail, ConfigProperties config) {
    TailRoutes r = new TailRoutes(tail, config.getString("obs.http.tail.token"));
    return RouteGroup.of("tail", Route.get("/tail", r::open).withMaxBodyBytes(0));
  }

  private HttpResponse open(HttpRequest req) {
    if (token == null) {
      throw new HttpStatusException(404, "not found");
    }
    String given = HttpSecurity.bearerToken(req.header("Authorization").orElse(null));
    if (!HttpSecurity.constantTimeEquals(token, given != null ? given : req.query("token").orElse(""))) {
      throw new HttpStatusException(401, "a valid tail token is required");
    }
    TailFilter filter;
    try {
      filter = new TailFilter(Severity.valueOf(req.query("level").orElse("TRACE").toUpperCase(Locale.ROOT)),
          req.query("logger").orElse(""), req.query("text").orElse(""));
    } catch (IllegalArgumentException e) {
      throw new HttpStatusException(400, "bad filter: level must be TRACE..FATAL, parts at most "
          + TailFilter.MAX_PART_CHARS + " characters");
    }
    TailSubscription sub;
    try {
      sub = tail.subscribe(filter, CLIENT_CAPACITY);
    } catch (IllegalStateException full) {
      throw new HttpStatusException(503, "too many live tail clients");
    }
    return HttpResponse.builder().stream("text/event-stream; charset=utf-8", out -> pump(sub, out))
        .setHeader("Cache-Control", "no-store").build();
  }

  private static void pump(TailSubscription sub, OutputStream out) throws IOException {
    try (sub) {
      out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (sub.isOpen()) {
        TailLine line = sub.poll(KEEP_ALIVE);
        out.write((line == null ? ": keep-alive\n\n" : "event: log\ndata: " + oneLine(line.json()) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
        for (TailLine more : sub.drain(256)) {
          out.write(("event: log\ndata: " + oneLine(more.json()) + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String oneLine(String json) {
    return json.indexOf('\n') < 0 && json.indexOf('\r') < 0 ? json : json.replace("\r", "\\r").replace("\n", "\\n");
  }
}
