package dev.obskit.errors.tracker;

import dev.obskit.core.id.TeamId;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.IssueService;
import dev.obskit.errors.issue.StoredEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links ObsKit issues to Linear or Jira issues and resolves them when the tracker says done.
 * {@link #link} creates the tracker issue (title, culprit, counts, a link back, the latest stack)
 * and keeps the link with the issue; {@link #onLinearWebhook} and {@link #onJiraWebhook} take a
 * tracker's webhook request (raw body and signature header, so they can be mounted on any HTTP
 * server) and resolve the linked ObsKit issue when its tracker issue is completed. Links are kept
 * in memory. Thread-safe; {@link #link} blocks for one tracker request.
 */
public final class IssueTrackerLinks {
  /** What a webhook request did. */
  public enum WebhookOutcome {
    /** The linked ObsKit issue was resolved (answer 200). */
    RESOLVED,
    /** A valid delivery that changes nothing: not done, another event type (answer 200). */
    IGNORED,
    /** A valid delivery about a tracker issue no ObsKit issue is linked to (answer 200). */
    UNKNOWN_ISSUE,
    /** Bad or missing signature, stale timestamp, unreadable body (answer 401 or 400). */
    REJECTED
  }

  /** How old a Linear delivery's {@code webhookTimestamp} may be (Linear's advice: a minute). */
  public static final Duration MAX_WEBHOOK_AGE = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(IssueTrackerLinks.class);
  private static final int STACK_FRAMES = 50;

  private record Linked(TeamId team, IssueId issue) {}

  private final IssueService issues;
  private final EventRepository events;
  private final Clock clock;
  private final String issueUrlPrefix;
  private final Map<IssueId, List<TrackerLink>> links = new ConcurrentHashMap<>();
  private final Map<String, Linked> byExternal = new ConcurrentHashMap<>();

  /**
   * Creates the service. {@code issueUrlPrefix} plus the issue id is the link back written into
   * tracker issues (e.g. {@code https://obs.acme.internal/errors/issues/}).
   */
  public IssueTrackerLinks(IssueService issues, EventRepository events, Clock clock,
      String issueUrlPrefix) {
    this.issues = Objects.requireNonNull(issues, "issues");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.issueUrlPrefix = Objects.requireNonNull(issueUrlPrefix, "issueUrlPrefix");
  }

  /**
   * Creates the tracker issue for {@code id} through {@code client} and keeps the link.
   *
   * @throws NoSuchElementException when the issue does not exist
   * @throws TrackerException when the tracker refuses or cannot be reached
   */
  public TrackerLink link(TeamId team, IssueId id, TrackerClient client) throws TrackerException {
    Issue issue = issues.find(team, id).orElseThrow(
        () -> new NoSuchElementException("no issue " + id + " for team " + team));
    String summary = "Culprit: " + (issue.culprit() == null ? "unknown" : issue.culprit())
        + "\nEvents: " + issue.count() + ", users affected: " + issue.usersAffected()
        + ", first seen " + issue.firstSeen() + ", last seen " + issue.lastSeen()
        + "\nObsKit: " + issueUrlPrefix + id.value();
    TrackerLink link = client.createIssue(issue.title(), summary, latestStack(team, id));
    links.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(link);
    byExternal.put(link.provider() + ":" + link.externalId(), new Linked(team, id));
    return link;
  }

  /** Returns the issue's tracker links, oldest first. */
  public List<TrackerLink> links(TeamId team, IssueId id) {
    List<TrackerLink> l = links.get(id);
    return l == null || issues.find(team, id).isEmpty() ? List.of() : List.copyOf(l);
  }

  private String latestStack(TeamId team, IssueId id) {
    List<StoredEvent> latest = events.latest(team, id, 1);
    ExceptionValue main = latest.isEmpty() ? null : latest.get(0).event().mainException();
    if (main == null || main.frames().isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(main.type()).append(main.value() == null ? "" : ": " + main.value());
    List<StackFrame> frames = main.frames();
    for (int i = frames.size() - 1, n = 0; i >= 0 && n < STACK_FRAMES; i--, n++) {
      StackFrame f = frames.get(i);
      sb.append("\n  at ").append(f.module()).append('.').append(f.function()).append('(')
          .append(f.filename() == null ? "Unknown Source" : f.filename())
          .append(f.lineno() == null ? "" : ":" + f.lineno()).append(')');
    }
    return sb.toString();
  }

  /**
   * Handles a Linear webhook delivery: checks {@code Linear-Signature} (hex HMAC-SHA256 of the raw
   * body with {@code secret}) and that {@code webhookTimestamp} is at most {@link
   * #MAX_WEBHOOK_AGE} from now, then resolves the linked issue when the Linear issue's state type
   * is {@code completed}. Never throws.
   */
  public WebhookOutcome onLinearWebhook(byte[] body, String signature, String secret) {
    if (!validHmac(body, signature, secret)) {
      return WebhookOutcome.REJECTED;
    }
    Object json = parse(body);
    Object ts = TrackerJson.at(json, "webhookTimestamp");
    long at;
    try {
      at = Long.parseLong(String.valueOf(ts));
    } catch (NumberFormatException e) {
      return WebhookOutcome.REJECTED;
    }
    if (Math.abs(clock.millis() - at) > MAX_WEBHOOK_AGE.toMillis()) {
      return WebhookOutcome.REJECTED;
    }
    if (!"Issue".equals(TrackerJson.text(json, "type"))) {
      return WebhookOutcome.IGNORED;
    }
    String state = TrackerJson.text(json, "data", "state", "type");
    return resolveIf("completed".equals(state), "linear", TrackerJson.text(json, "data", "id"));
  }

  /**
   * Handles a Jira webhook delivery ({@code jira:issue_updated}); with a {@code secret}, checks
   * {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>}. Resolves the linked issue when
   * the Jira issue's status category is {@code done}. Never throws.
   */
  public WebhookOutcome onJiraWebhook(byte[] body, String signature, String secret) {
    if (secret != null) {
      if (signature == null || !signature.startsWith("sha256=")
          || !validHmac(body, signature.substring(7), secret)) {
        return WebhookOutcome.REJECTED;
      }
    }
    Object json = parse(body);
    if (json == null) {
      return WebhookOutcome.REJECTED;
    }
    if (!"jira:issue_updated".equals(TrackerJson.text(json, "webhookEvent"))) {
      return WebhookOutcome.IGNORED;
    }
    String category = TrackerJson.text(json, "issue", "fields", "status", "statusCategory", "key");
    return resolveIf("done".equals(category), "jira", TrackerJson.text(json, "issue", "id"));
  }

  private WebhookOutcome resolveIf(boolean done, String provider, String externalId) {
    if (externalId == null) {
      return WebhookOutcome.REJECTED;
    }
    Linked linked = byExternal.get(provider + ":" + externalId);
    if (linked == null) {
      return WebhookOutcome.UNKNOWN_ISSUE;
    }
    if (!done) {
      return WebhookOutcome.IGNORED;
    }
    try {
      Issue issue = issues.find(linked.team, linked.issue).orElse(null);
      if (issue == null) {
        return WebhookOutcome.UNKNOWN_ISSUE;
      }
      if (!issue.isResolved()) {
        issues.resolve(linked.team, linked.issue);
      }
      return WebhookOutcome.RESOLVED;
    } catch (RuntimeException e) {
      log.warn("could not resolve issue {} from a {} webhook", linked.issue, provider, e);
      return WebhookOutcome.IGNORED;
    }
  }

  private static Object parse(byte[] body) {
    try {
      return TrackerJson.read(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Constant-time comparison of the hex HMAC-SHA256 of {@code body} with {@code signature}. */
  static boolean validHmac(byte[] body, String signature, String secret) {
    if (body == null || signature == null || secret == null || secret.isEmpty()) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected,
          signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
