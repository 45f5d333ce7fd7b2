package dev.obskit.incidents.notify;

import com.fasterxml.jackson.core.JsonGenerator;
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
 * Posts to a Slack incoming webhook (the recipient's address) a Block Kit message: a header with
 * severity, service and summary; the facts as section fields; the links; and Acknowledge / Resolve
 * buttons linking to the incident's signed action URLs. One attempt per {@link #send}; the
 * dispatcher retries. Thread-safe.
 */
public final class SlackWebhookNotifier implements Notifier {
  /** Slack's limit for a header block's text. */
  static final int MAX_HEADER = 150;
  /** Slack's limit of fields in one section block. */
  static final int MAX_FIELDS = 10;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;

  /** Creates a notifier on the shared OkHttp client. */
  public SlackWebhookNotifier() {
    this(HttpPoster.defaultClient());
  }

  /** Creates a notifier on {@code client}. */
  public SlackWebhookNotifier(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public ChannelKind channel() {
    return ChannelKind.SLACK;
  }

  @Override
  public String getName() {
    return "slack";
  }

  @Override
  public DeliveryResult send(Notification n) {
    HttpUrl url = HttpUrl.parse(n.recipient().address());
    if (url == null) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 0,
          "Slack webhook address of " + n.recipient().displayName() + " is not a URL", Duration.ZERO);
    }
    return HttpPoster.post(client, url, RequestBody.create(render(n), JSON), Map.of());
  }

  /** Returns the exact JSON posted for {@code n}. */
  public static String render(Notification n) {
    return Json.render(g -> {
      g.writeStartObject();
      g.writeStringField("text", n.title());
      g.writeArrayFieldStart("blocks");
      header(g, n);
      fields(g, n);
      if (!n.body().isEmpty() && !n.body().equals(n.title())) {
        g.writeStartObject();
        g.writeStringField("type", "section");
        mrkdwn(g, "text", escape(n.body()));
        g.writeEndObject();
      }
      links(g, n);
      actions(g, n);
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void header(JsonGenerator g, Notification n) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "header");
    g.writeObjectFieldStart("text");
    g.writeStringField("type", "plain_text");
    String title = n.title().length() > MAX_HEADER ? n.title().substring(0, MAX_HEADER - 1) + "…"
        : n.title();
    g.writeStringField("text", title);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void fields(JsonGenerator g, Notification n) throws IOException {
    if (n.fields().isEmpty()) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("type", "section");
    g.writeArrayFieldStart("fields");
    int count = 0;
    for (Map.Entry<String, String> f : n.fields().entrySet()) {
      if (count++ == MAX_FIELDS) {
        break;
      }
      g.writeStartObject();
      g.writeStringField("type", "mrkdwn");
      g.writeStringField("text", "*" + escape(f.getKey()) + "*\n" + escape(f.getValue()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void links(JsonGenerator g, Notification n) throws IOException {
    if (n.links().isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Link l : n.links()) {
      text.append(text.length() == 0 ? "" : " | ").append('<').append(l.url()).append('|')
          .append(escape(l.label())).append('>');
    }
    g.writeStartObject();
    g.writeStringField("type", "context");
    g.writeArrayFieldStart("elements");
    g.writeStartObject();
    g.writeStringField("type", "mrkdwn");
    g.writeStringField("text", text.toString());
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void actions(JsonGenerator g, Notification n) throws IOException {
    if (n.acknowledgeAction() == null && n.resolveAction() == null) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("type", "actions");
    g.writeArrayFieldStart("elements");
    String value = n.teamId().value() + "/" + n.subjectRef();
    button(g, n.acknowledgeAction(), "acknowledge", "primary", value);
    button(g, n.resolveAction(), "resolve", "danger", value);
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A URL button; {@code value} ({@code team/incident}) lets the interactivity route act on it. */
  private static void button(JsonGenerator g, Link link, String id, String style, String value)
      throws IOException {
    if (link == null) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("type", "button");
    g.writeStringField("action_id", id);
    g.writeObjectFieldStart("text");
    g.writeStringField("type", "plain_text");
    g.writeStringField("text", link.label());
    g.writeEndObject();
    g.writeStringField("url", link.url());
    g.writeStringField("value", value);
    g.writeStringField("style", style);
    g.writeEndObject();
  }

  private static void mrkdwn(JsonGenerator g, String field, String text) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("type", "mrkdwn");
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  /** Escapes the three characters Slack's mrkdwn reserves. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
