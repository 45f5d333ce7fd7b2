package dev.obskit.billing.cost.providers;

import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.core.config.ConfigProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Pushes ObsKit's metering into Stripe as Billing Meter Events ({@code POST
 * /v1/billing/meter_events}, form-encoded {@code event_name}, {@code payload[stripe_customer_id]},
 * {@code payload[value]}, {@code identifier}, {@code timestamp}), exactly once: every event carries
 * a deterministic {@code identifier} (Stripe refuses a repeat within its deduplication window), so
 * a retry after a timeout or a 5xx cannot count twice. Transport errors, 429 and 5xx are retried
 * with backoff; each attempt sends its own {@code Idempotency-Key} ({@code identifier}, attempt),
 * because Stripe replays a stored 500 for a reused key. Events older than 35 days or more than 5
 * minutes ahead are refused before any request. Each event gets an {@link Outcome}; nothing
 * throws for one event's failure.
 *
 * <p>The secret key comes from configuration and is never logged. Blocks on network I/O with
 * bounded timeouts and retries. Thread-safe.
 */
public final class StripeMeterEventExport {
  /** The public API. */
  public static final URI DEFAULT_BASE = URI.create("https://api.stripe.com");
  /** Stripe accepts events up to 35 days old. */
  public static final Duration MAX_AGE = Duration.ofDays(35);
  private static final Duration MAX_AHEAD = Duration.ofMinutes(5);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private final URI base;
  private final Secret secretKey;
  private final Clock clock;
  private final ProviderHttp http;

  StripeMeterEventExport(URI base, Secret secretKey, Clock clock, ProviderHttp http) {
    this.base = Providers.base(base);
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** Creates an exporter to the public API. */
  public static StripeMeterEventExport create(Secret secretKey, Clock clock) {
    return new StripeMeterEventExport(DEFAULT_BASE, secretKey, clock, ProviderHttp.defaults());
  }

  /** Creates an exporter from {@code obskit.billing.stripe.secret-key} and {@code .base-url}. */
  public static StripeMeterEventExport fromConfig(ConfigProperties config, Clock clock) {
    String prefix = "obskit.billing.stripe.";
    return new StripeMeterEventExport(URI.create(config.getString(prefix + "base-url",
        DEFAULT_BASE.toString())), Secret.fromConfig(config, prefix + "secret-key"), clock,
        ProviderHttp.defaults());
  }

  /**
   * One meter event.
   *
   * @param eventName the Stripe meter's event name
   * @param customerId the Stripe customer ({@code cus_...})
   * @param value a whole number, at least 0
   * @param identifier unique per real occurrence, 1 to 100 of [A-Za-z0-9._:-]
   * @param timestamp when the usage happened
   */
  public record MeterEvent(String eventName, String customerId, long value, String identifier,
      Instant timestamp) {
    /** Validates the components. */
    public MeterEvent {
      Objects.requireNonNull(eventName, "eventName");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(timestamp, "timestamp");
      if (eventName.isEmpty() || eventName.length() > 100) {
        throw new IllegalArgumentException("eventName must be 1 to 100 characters");
      }
      if (!IDENTIFIER.matcher(Objects.requireNonNull(identifier, "identifier")).matches()) {
        throw new IllegalArgumentException("identifier must match " + IDENTIFIER);
      }
      if (value < 0) {
        throw new IllegalArgumentException("value must be >= 0, got " + value);
      }
    }
  }

  /** What became of one event. */
  public enum Outcome {
    /** Stripe stored it (2xx). */
    DELIVERED,
    /** Stripe already had its identifier (an earlier attempt got through): counted once. */
    DUPLICATE,
    /** Refused for good: too old or too far ahead, or a 4xx from Stripe. */
    REJECTED,
    /** Every attempt failed (transport error, 429 or 5xx); send it again later, same identifier. */
    FAILED
  }

  /**
   * The outcome of one event.
   *
   * @param event the event
   * @param outcome what became of it
   * @param status the last HTTP status, 0 when none
   * @param detail a short explanation (Stripe's error message when it gave one)
   */
  public record Result(MeterEvent event, Outcome outcome, int status, String detail) {}

  /**
   * Returns one event per meter of {@code usage} named in {@code eventNames} (ObsKit meter to Stripe
   * event name), valued at the period's total and dated one second before the period's end, with
   * identifier {@code obskit:<team>:<meter>:<yyyy-MM>}: send it once the period closed, and as
   * often as needed; Stripe counts it once.
   */
  public static List<MeterEvent> periodTotals(UsageRecord usage, Map<String, String> eventNames,
      String customerId) {
    List<MeterEvent> events = new ArrayList<>();
    Instant at = usage.period().end().minusSeconds(1);
    eventNames.forEach((meter, eventName) -> {
      long value = usage.value(meter);
      if (value > 0) {
        String identifier = Providers.name("obskit:" + usage.teamId().value() + ":" + meter + ":"
            + usage.period().month());
        events.add(new MeterEvent(eventName, customerId, value,
            identifier.length() > 100 ? identifier.substring(0, 100) : identifier, at));
      }
    });
    return events;
  }

  /** Sends the events one by one; returns each one's outcome, in order. */
  public List<Result> send(List<MeterEvent> events) {
    List<Result> results = new ArrayList<>();
    for (MeterEvent event : List.copyOf(events)) {
      results.add(sendOne(event));
    }
    return results;
  }

  private Result sendOne(MeterEvent event) {
    Instant now = clock.instant();
    if (event.timestamp().isBefore(now.minus(MAX_AGE))
        || event.timestamp().isAfter(now.plus(MAX_AHEAD))) {
      return new Result(event, Outcome.REJECTED, 0, "timestamp " + event.timestamp()
          + " outside Stripe's window (35 days back, 5 minutes ahead)");
    }
    String form = form(event);
    int[] attempt = {0};
    try {
      ProviderHttp.Response response = http.send(() -> request(event, form, ++attempt[0]));
      if (response.ok()) {
        return new Result(event, Outcome.DELIVERED, response.status(), "");
      }
      String message = errorMessage(response.body());
      Outcome outcome = isDuplicateAnswer(response) ? Outcome.DUPLICATE : Outcome.REJECTED;
      return new Result(event, outcome, response.status(), message);
    } catch (ProviderException e) {
      return new Result(event, Outcome.FAILED, e.status(), e.getMessage());
    }
  }

  private HttpRequest request(MeterEvent event, String form, int attempt) {
    return http.request(base.resolve("/v1/billing/meter_events"))
        .header("Authorization", "Bearer " + secretKey.value())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Idempotency-Key", event.identifier() + ":" + attempt)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  /** A 400 saying the identifier was already used: the event is in Stripe already. */
  private static boolean isDuplicateAnswer(ProviderHttp.Response response) {
    if (response.status() != 400) {
      return false;
    }
    String body = response.body();
    return body.contains("identifier") && (body.contains("already") || body.contains("duplicate"));
  }

  private static String errorMessage(String body) {
    try {
      Map<String, Object> error = Json.map(Json.object(body, "stripe error"), "error", "stripe");
      String message = Json.textOr(error, "message", "");
      return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    } catch (ProviderException e) {
      return "";
    }
  }

  static String form(MeterEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("event_name", event.eventName());
    fields.put("payload[stripe_customer_id]", event.customerId());
    fields.put("payload[value]", Long.toString(event.value()));
    fields.put("identifier", event.identifier());
    fields.put("timestamp", Long.toString(event.timestamp().getEpochSecond()));
    StringBuilder form = new StringBuilder();
    fields.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return form.toString();
  }

  @Override
  public String toString() {
    return "StripeMeterEventExport{" + base + ", key " + secretKey + "}";
  }
}
