package dev.obskit.incidents.notify;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/**
 * Posts to a Microsoft Teams incoming webhook (or a Workflows "post to a channel when a webhook
 * request is received" URL) a message with one Adaptive Card 1.4: a title coloured by severity, the
 * body, the facts as a FactSet, and Action.OpenUrl buttons for acknowledge, resolve and each link.
 * One attempt per {@link #send}. Thread-safe.
 */
public final class TeamsWebhookNotifier implements Notifier {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private final OkHttpClient client;

  /** Creates a notifier on the shared OkHttp client. */
  public TeamsWebhookNotifier() {
    this(HttpPoster.defaultClient());
  }

  /** Creates a notifier on {@code client}. */
  public TeamsWebhookNotifier(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public ChannelKind channel() {
    return ChannelKind.MS_TEAMS;
  }

  @Override
  public String getName() {
    return "ms-teams";
  }

  @Override
  public DeliveryResult send(Notification n) {
    HttpUrl url = HttpUrl.parse(n.recipient().address());
    if (url == null) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 0,
          "Teams webhook address of " + n.recipient().displayName() + " is not a URL", Duration.ZERO);
    }
    return HttpPoster.post(client, url, RequestBody.create(render(n), JSON), Map.of());
  }

  /** Returns the exact JSON posted for {@code n}. */
  public static String render(Notification n) {
    return Json.render(g -> {
      g.writeStartObject();
      g.writeStringField("type", "message");
      g.writeArrayFieldStart("attachments");
      g.writeStartObject();
      g.writeStringField("contentType", "application/vnd.microsoft.card.adaptive");
      g.writeNullField("contentUrl");
      g.writeObjectFieldStart("content");
      g.writeStringField("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
      g.writeStringField("type", "AdaptiveCard");
      g.writeStringField("version", "1.4");
      body(g, n);
      actions(g, n);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void body(JsonGenerator g, Notification n) throws IOException {
    g.writeArrayFieldStart("body");
    g.writeStartObject();
    g.writeStringField("type", "TextBlock");
    g.writeStringField("text", n.title());
    g.writeStringField("weight", "Bolder");
    g.writeStringField("size", "Medium");
    g.writeStringField("color", color(n.severity()));
    g.writeBooleanField("wrap", true);
    g.writeEndObject();
    if (!n.body().isEmpty() && !n.body().equals(n.title())) {
      g.writeStartObject();
      g.writeStringField("type", "TextBlock");
      g.writeStringField("text", n.body());
      g.writeBooleanField("wrap", true);
      g.writeEndObject();
    }
    if (!n.fields().isEmpty()) {
      g.writeStartObject();
      g.writeStringField("type", "FactSet");
      g.writeArrayFieldStart("facts");
      for (Map.Entry<String, String> f : n.fields().entrySet()) {
        g.writeStartObject();
        g.writeStringField("title", f.getKey());
        g.writeStringField("value", f.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void actions(JsonGenerator g, Notification n) throws IOException {
    g.writeArrayFieldStart("actions");
    openUrl(g, n.acknowledgeAction());
    openUrl(g, n.resolveAction());
    for (Link l : n.links()) {
      openUrl(g, l);
    }
    g.writeEndArray();
  }

  private static void openUrl(JsonGenerator g, Link link) throws IOException {
    if (link == null) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("type", "Action.OpenUrl");
    g.writeStringField("title", link.label());
    g.writeStringField("url", link.url());
    g.writeEndObject();
  }

  static String color(AlertSeverity severity) {
    switch (severity) {
      case CRITICAL:
        return "Attention";
      case ERROR:
        return "Warning";
      default:
        return "Default";
    }
  }
}
