package dev.obskit.incidents.notify;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/**
 * Posts a JSON description of the notification to any HTTP endpoint, signed per {@link
 * WebhookSignature} ({@code X-ObsKit-Timestamp}, {@code X-ObsKit-Signature: v1=<hex>}, {@code
 * X-ObsKit-Delivery}). Body shape:
 *
 * <pre>
 * {"id","team","subject","title","body","severity","urgency","recipient",
 *  "fields":{...},"links":[{"label","url"}],"actions":{"acknowledge","resolve"},"sentAt"}
 * </pre>
 *
 * One attempt per {@link #send}; the timestamp is re-taken on each attempt so a retry stays
 * inside the receiver's replay window. Thread-safe.
 */
public final class SignedWebhookNotifier implements Notifier {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private final WebhookSignature signature;
  private final Clock clock;
  private final OkHttpClient client;

  /** Creates a notifier signing with {@code secret}, timestamping from {@code clock}. */
  public SignedWebhookNotifier(byte[] secret, Clock clock) {
    this(secret, clock, HttpPoster.defaultClient());
  }

  /** Creates a notifier on {@code client}. */
  public SignedWebhookNotifier(byte[] secret, Clock clock, OkHttpClient client) {
    this.signature = new WebhookSignature(secret);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public ChannelKind channel() {
    return ChannelKind.WEBHOOK;
  }

  @Override
  public String getName() {
    return "webhook";
  }

  @Override
  public DeliveryResult send(Notification n) {
    HttpUrl url = HttpUrl.parse(n.recipient().address());
    if (url == null) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 0,
          "webhook address of " + n.recipient().displayName() + " is not a URL", Duration.ZERO);
    }
    long now = clock.instant().getEpochSecond();
    byte[] body = render(n, now).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = Map.of(
        WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
        WebhookSignature.SIGNATURE_HEADER, signature.sign(now, body),
        WebhookSignature.DELIVERY_HEADER, n.id());
    return HttpPoster.post(client, url, RequestBody.create(body, JSON), headers);
  }

  /** Returns the exact JSON posted for {@code n} at {@code epochSeconds}. */
  public static String render(Notification n, long epochSeconds) {
    return Json.render(g -> {
      g.writeStartObject();
      g.writeStringField("id", n.id());
      g.writeStringField("team", n.teamId().value());
      g.writeStringField("subject", n.subjectRef());
      g.writeStringField("title", n.title());
      g.writeStringField("body", n.body());
      g.writeStringField("severity", n.severity().name());
      g.writeStringField("urgency", n.urgency().name());
      g.writeStringField("recipient", n.recipient().displayName());
      g.writeObjectFieldStart("fields");
      for (Map.Entry<String, String> f : n.fields().entrySet()) {
        g.writeStringField(f.getKey(), f.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("links");
      for (Link l : n.links()) {
        g.writeStartObject();
        g.writeStringField("label", l.label());
        g.writeStringField("url", l.url());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("actions");
      if (n.acknowledgeAction() != null) {
        g.writeStringField("acknowledge", n.acknowledgeAction().url());
      }
      if (n.resolveAction() != null) {
        g.writeStringField("resolve", n.resolveAction().url());
      }
      g.writeEndObject();
      g.writeNumberField("sentAt", epochSeconds);
      g.writeEndObject();
    });
  }
}
