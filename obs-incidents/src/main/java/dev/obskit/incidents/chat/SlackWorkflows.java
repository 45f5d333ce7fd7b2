package dev.obskit.incidents.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.oncall.OnCallDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's side of incident response, as plain handlers a route calls with the raw request:
 * <ul>
 *   <li>{@link #interactivity}: the Acknowledge/Resolve buttons of ObsKit's Slack messages
 *       ({@code block_actions} with {@code action_id} {@code acknowledge}/{@code resolve} and
 *       {@code value} {@code <team>/<incident>}); the outcome is also posted to the payload's
 *       {@code response_url} off the request thread;
 *   <li>{@link #command}: the slash command {@code /obskit ack|resolve <incident>},
 *       {@code /obskit oncall [schedule]}, {@code /obskit incident <title>}, answered inline.
 * </ul>
 * Every request is checked by {@link SlackRequestVerifier} first (signature, 5-minute window,
 * replay); a refused one answers 401 and changes nothing. The acting user is recorded as
 * {@code slack:<user id>}. Thread-safe; {@link #close()} stops the response poster.
 */
public final class SlackWorkflows implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackWorkflows.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final SlackRequestVerifier verifier;
  private final ChatActions actions;
  private final String responseUrlPrefix;
  private final OkHttpClient client;
  private final ThreadPoolExecutor poster;
  private final Clock clock;

  private SlackWorkflows(Builder b) {
    this.verifier = new SlackRequestVerifier(b.signingSecret, b.clock);
    this.actions = new ChatActions(b.incidents, b.team, b.onCall, b.schedules, b.policy, b.clock);
    this.responseUrlPrefix = b.responseUrlPrefix;
    this.clock = b.clock;
    this.client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10))
        .retryOnConnectionFailure(false).build();
    this.poster = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(256), r -> {
          Thread t = new Thread(r, "obskit-slack-responses");
          t.setDaemon(true);
          return t;
        });
  }

  /** Starts a builder; incidents, team, signing secret and clock are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles an interactivity request (form field {@code payload} holding JSON). 401 when the
   * signature check fails, 400 when the payload is not a button of ours, else 200 with the outcome.
   */
  public ChatReply interactivity(String timestamp, String signature, byte[] body) {
    SlackRequestVerifier.Verdict v = verifier.verify(timestamp, signature, body);
    if (v != SlackRequestVerifier.Verdict.VALID) {
      return ChatJson.reply(401, "error", v.name().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      JsonNode payload = ChatJson.parse(ChatJson.form(body).getOrDefault("payload", ""));
      if (!"block_actions".equals(ChatJson.text(payload, "type"))
          || !payload.path("actions").isArray() || payload.path("actions").isEmpty()) {
        return ChatJson.reply(400, "error", "not a block_actions payload");
      }
      JsonNode action = payload.path("actions").get(0);
      String id = ChatJson.text(action, "action_id");
      String[] value = ChatJson.text(action, "value").split("/", 2);
      if (value.length != 2 || !value[0].equals(actions.team().value())) {
        return ChatJson.reply(400, "error", "not an incident of this team");
      }
      String by = "slack:" + ChatJson.text(payload, "user", "id");
      String text = switch (id) {
        case "acknowledge" -> actions.acknowledge(value[1], by);
        case "resolve" -> actions.resolve(value[1], by);
        default -> null;
      };
      if (text == null) {
        return ChatJson.reply(400, "error", "unknown action");
      }
      respond(ChatJson.text(payload, "response_url"), text);
      return ChatJson.reply(200, "text", text);
    } catch (IllegalArgumentException e) {
      return ChatJson.reply(400, "error", "malformed request");
    }
  }

  /** Handles a slash command request; the answer is ephemeral except for a new incident. */
  public ChatReply command(String timestamp, String signature, byte[] body) {
    SlackRequestVerifier.Verdict v = verifier.verify(timestamp, signature, body);
    if (v != SlackRequestVerifier.Verdict.VALID) {
      return ChatJson.reply(401, "error", v.name().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      Map<String, String> form = ChatJson.form(body);
      String text = form.getOrDefault("text", "");
      String answer = actions.command(text, "slack:" + form.getOrDefault("user_id", "unknown"));
      boolean visible = answer.startsWith("opened ");
      return ChatJson.reply(200, "response_type", visible ? "in_channel" : "ephemeral",
          "text", answer);
    } catch (IllegalArgumentException e) {
      return ChatJson.reply(400, "error", "malformed request");
    }
  }

  /** Posts {@code text} to Slack's response URL off the request thread; failures are logged. */
  private void respond(String responseUrl, String text) {
    if (responseUrl.isEmpty() || !responseUrl.startsWith(responseUrlPrefix)) {
      return;
    }
    String json = ChatJson.MAPPER.createObjectNode().put("replace_original", false)
        .put("text", text).toString();
    try {
      poster.execute(() -> {
        Request request = new Request.Builder().url(responseUrl)
            .post(RequestBody.create(json, JSON)).build();
        try (Response r = client.newCall(request).execute()) {
          if (!r.isSuccessful()) {
            log.warn("Slack response URL answered {}", r.code());
          }
        } catch (java.io.IOException | RuntimeException e) {
          log.warn("posting to Slack's response URL failed: {}", e.getClass().getSimpleName());
        }
      });
    } catch (RejectedExecutionException e) {
      log.warn("Slack response queue full; reply dropped");
    }
  }

  /**
   * Returns a Microsoft Teams outgoing-webhook handler acting for the same team with the same
   * commands, keyed with the webhook's base64 security token.
   */
  public TeamsOutgoingWebhook teams(String securityToken) {
    return new TeamsOutgoingWebhook(securityToken, actions, clock);
  }

  @Override
  public void close() {
    poster.shutdown();
  }

  /** Builds {@link SlackWorkflows}. Not thread-safe. */
  public static final class Builder {
    private IncidentService incidents;
    private TeamId team;
    private String signingSecret;
    private Clock clock;
    private OnCallDirectory onCall = (t, s, at) -> List.of();
    private final List<ScheduleId> schedules = new ArrayList<>();
    private EscalationPolicyId policy;
    private String responseUrlPrefix = "https://hooks.slack.com/";

    Builder() {}

    /** Sets the incident service (required). */
    public Builder setIncidents(IncidentService incidents) {
      this.incidents = Objects.requireNonNull(incidents, "incidents");
      return this;
    }

    /** Sets the ObsKit team the Slack workspace acts for (required). */
    public Builder setTeam(TeamId team) {
      this.team = Objects.requireNonNull(team, "team");
      return this;
    }

    /** Sets the app's signing secret (required; never logged). */
    public Builder setSigningSecret(String signingSecret) {
      this.signingSecret = Objects.requireNonNull(signingSecret, "signingSecret");
      return this;
    }

    /** Sets the clock the 5-minute window is read from (required). */
    public Builder setClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets who answers {@code oncall} and the schedules it lists by default. */
    public Builder setOnCall(OnCallDirectory onCall, ScheduleId... defaultSchedules) {
      this.onCall = Objects.requireNonNull(onCall, "onCall");
      schedules.clear();
      schedules.addAll(List.of(defaultSchedules));
      return this;
    }

    /** Sets the policy of incidents opened with {@code incident <title>} (default: none). */
    public Builder setPolicy(EscalationPolicyId policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Sets the prefix a {@code response_url} must start with to be posted to (default
     * {@code https://hooks.slack.com/}; a test points it at its fake).
     */
    public Builder setResponseUrlPrefix(String prefix) {
      this.responseUrlPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Returns the workflows; throws naming the first missing setting. */
    public SlackWorkflows build() {
      Objects.requireNonNull(incidents, "incidents");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(signingSecret, "signingSecret");
      Objects.requireNonNull(clock, "clock");
      return new SlackWorkflows(this);
    }
  }
}
