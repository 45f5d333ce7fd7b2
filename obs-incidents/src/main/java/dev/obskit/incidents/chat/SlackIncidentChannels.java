package dev.obskit.incidents.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obskit.core.id.IncidentId;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentEvent;
import dev.obskit.incidents.incident.IncidentListener;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.incidents.incident.TimelineEventType;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated Slack channel per incident through Slack's Web API (bot token in
 * {@code Authorization: Bearer}): {@code conversations.create} when the incident opens (named
 * {@code inc-<id>-<title words>}, lowercase, at most 80 characters), {@code chat.postMessage} for
 * every timeline entry as it is stored (the channel mirrors the timeline), and
 * {@code conversations.archive} once it is resolved.
 *
 * <p>Register it with {@code IncidentService.addListener}. Calls run on one background thread
 * through a bounded queue ({@value #QUEUE} changes), never on the thread that changed the incident;
 * changes arrive in revision order, and entries already mirrored are not posted again. A full
 * queue or a failed call is logged (with Slack's error code, never the token) and dropped.
 * Thread-safe; {@link #close()} stops the thread.
 */
public final class SlackIncidentChannels implements IncidentListener, AutoCloseable {
  /** Changes waiting for Slack at most. */
  public static final int QUEUE = 1024;
  private static final Logger log = LoggerFactory.getLogger(SlackIncidentChannels.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String token;
  private final HttpUrl api;
  private final OkHttpClient client;
  private final ThreadPoolExecutor worker;
  private final Map<IncidentId, Mirror> mirrors = new ConcurrentHashMap<>();

  /** Where one incident's channel is and how much of its timeline it shows. */
  private static final class Mirror {
    final String channel;
    long postedUpTo;

    Mirror(String channel) {
      this.channel = channel;
    }
  }

  /**
   * Creates the integration.
   *
   * @param botToken the Slack bot token ({@code xoxb-...}; never logged)
   * @param apiBaseUrl Slack's Web API base, {@code https://slack.com/api/} (a test passes its fake)
   */
  public SlackIncidentChannels(String botToken, String apiBaseUrl) {
    this.token = Objects.requireNonNull(botToken, "botToken");
    HttpUrl base = HttpUrl.parse(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl"));
    if (base == null) {
      throw new IllegalArgumentException("apiBaseUrl must be an absolute http(s) URL");
    }
    this.api = base;
    this.client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10))
        .retryOnConnectionFailure(false).build();
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "obskit-slack-channels");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void onChange(IncidentEvent event) {
    try {
      worker.execute(() -> mirror(event));
    } catch (RejectedExecutionException e) {
      log.warn("Slack channel queue full; {} of {} not mirrored", event.type(),
          event.incident().id());
    }
  }

  private void mirror(IncidentEvent event) {
    try {
      Incident incident = event.incident();
      Mirror m = mirrors.get(incident.id());
      if (m == null) {
        if (event.type() != TimelineEventType.OPENED) {
          return;
        }
        String channel = create(incident);
        if (channel == null) {
          return;
        }
        m = new Mirror(channel);
        mirrors.put(incident.id(), m);
      }
      for (TimelineEntry e : incident.timeline()) {
        if (e.sequence() > m.postedUpTo) {
          call("chat.postMessage", ChatJson.MAPPER.createObjectNode().put("channel", m.channel)
              .put("text", "#" + e.sequence() + " " + e.type() + ": " + e.message()));
          m.postedUpTo = e.sequence();
        }
      }
      if (event.type() == TimelineEventType.RESOLVED) {
        call("conversations.archive", ChatJson.MAPPER.createObjectNode().put("channel", m.channel));
        mirrors.remove(incident.id());
      }
    } catch (RuntimeException | LinkageError e) {
      log.warn("mirroring {} of {} to Slack failed: {}", event.type(), event.incident().id(),
          e.getClass().getSimpleName());
    }
  }

  private String create(Incident incident) {
    JsonNode r = call("conversations.create", ChatJson.MAPPER.createObjectNode()
        .put("name", channelName(incident)).put("is_private", false));
    String id = r == null ? "" : ChatJson.text(r, "channel", "id");
    return id.isEmpty() ? null : id;
  }

  /** {@code inc-<id>-<title words>}: lowercase letters, digits and hyphens, at most 80 characters. */
  static String channelName(Incident incident) {
    String raw = "inc-" + incident.id().value() + "-" + incident.title();
    String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
        .replaceAll("-{2,}", "-").replaceAll("-$", "");
    return name.length() > 80 ? name.substring(0, 80).replaceAll("-$", "") : name;
  }

  /** Calls one Web API method; returns the answer when Slack says ok, else logs and returns null. */
  private JsonNode call(String method, ObjectNode body) {
    Request request = new Request.Builder().url(api.newBuilder().addPathSegment(method).build())
        .header("Authorization", "Bearer " + token)
        .post(RequestBody.create(body.toString(), JSON)).build();
    try (Response r = client.newCall(request).execute()) {
      ResponseBody rb = r.body();
      String text = rb == null ? "" : rb.string();
      JsonNode answer = text.isEmpty() ? null : ChatJson.parse(text);
      if (!r.isSuccessful() || answer == null || !answer.path("ok").asBoolean(false)) {
        log.warn("Slack {} failed: HTTP {} {}", method, r.code(),
            answer == null ? "" : ChatJson.text(answer, "error"));
        return null;
      }
      return answer;
    } catch (IOException | IllegalArgumentException e) {
      log.warn("Slack {} failed: {}", method, e.getClass().getSimpleName());
      return null;
    }
  }

  @Override
  public void close() {
    worker.shutdown();
  }
}
