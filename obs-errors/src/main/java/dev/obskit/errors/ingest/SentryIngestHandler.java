package dev.obskit.errors.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.ProjectId;
import dev.obskit.errors.EnvelopeItems;
import dev.obskit.errors.EventProcessor;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.ProjectRegistry;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.EventJson;
import dev.obskit.errors.event.MalformedEventException;
import dev.obskit.errors.event.ProcessingBudget;
import dev.obskit.errors.quota.ProjectQuotas;
import dev.obskit.errors.quota.QuotaVerdict;
import dev.obskit.errors.release.ReleaseTracker;
import dev.obskit.errors.transaction.MalformedTransactionException;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sentry-compatible ingestion endpoint, framework-neutral: bytes, headers and query in; status,
 * headers and body out. Serves {@code POST /api/{project}/envelope/} and the legacy {@code POST
 * /api/{project}/store/} (JSON, base64+zlib, or an envelope), authenticates the DSN public key from
 * {@code X-Sentry-Auth} (either comma spacing) or the {@code sentry_key} query parameter, decodes
 * gzip and deflate bodies while enforcing {@value #MAX_ENVELOPE_BYTES} bytes per envelope and
 * {@value #MAX_EVENT_BYTES} per event, applies the project's quota (429 with {@code
 * X-Sentry-Rate-Limits} and {@code Retry-After}), and answers exactly {@code 200 {"id":"..."}}, as
 * the real SDKs require. Items: {@code event} is grouped and stored; {@code transaction} and
 * {@code attachment} are stored through {@link EnvelopeItems} (a malformed transaction is skipped
 * and counted, the envelope still succeeds); {@code session}/{@code sessions} feed release
 * health; {@code client_report} feeds {@link IngestStats#clientDiscards()}; other types are skipped.
 *
 * <p>Never throws and never answers 5xx: every failure becomes a 4xx with {@code
 * {"detail":"..."}}. Synchronous (the caller's thread parses, groups and stores). Thread-safe.
 */
public final class SentryIngestHandler {
  /** Largest event item, Relay's limit. */
  public static final int MAX_EVENT_BYTES = 1024 * 1024;
  /** Largest envelope after decompression. */
  public static final int MAX_ENVELOPE_BYTES = 20 * 1024 * 1024;

  /** CPU time one request may use unless {@link #setCpuBudget} says otherwise. */
  public static final Duration DEFAULT_CPU_BUDGET = Duration.ofMillis(500);
  /** The status of a request stopped by its CPU budget: the content cannot be processed. */
  public static final int BUDGET_STATUS = 422;

  private static final Logger log = LoggerFactory.getLogger(SentryIngestHandler.class);
  private static final Pattern ROUTE = Pattern.compile("^(?:/.*)?/api/([^/]+)/(envelope|store)/?$");

  private final ProjectRegistry projects;
  private final ProjectQuotas quotas;
  private final EventProcessor processor;
  private final ReleaseTracker releases;
  private final Clock clock;
  private final EnvelopeItems items;
  private final IngestStats stats = new IngestStats();
  private volatile Duration cpuBudget = DEFAULT_CPU_BUDGET;

  /** Creates the handler; the errors module wires one up as {@code ErrorsModule.ingestHandler()}. */
  public SentryIngestHandler(ProjectRegistry projects, ProjectQuotas quotas,
      EventProcessor processor, ReleaseTracker releases, Clock clock, EnvelopeItems items) {
    this.projects = Objects.requireNonNull(projects, "projects");
    this.quotas = Objects.requireNonNull(quotas, "quotas");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.releases = Objects.requireNonNull(releases, "releases");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.items = Objects.requireNonNull(items, "items");
  }

  /** Returns the endpoint's counters. */
  public IngestStats stats() {
    return stats;
  }

  /**
   * Sets the CPU time one request may spend on decoding, parsing and grouping before it is
   * answered {@value #BUDGET_STATUS} (default {@link #DEFAULT_CPU_BUDGET}). Thread-safe.
   */
  public void setCpuBudget(Duration budget) {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive, got " + budget);
    }
    this.cpuBudget = budget;
  }

  /**
   * Handles one request. Never throws, not even an {@link Error} from processing: a request
   * over its CPU budget is {@value #BUDGET_STATUS}, an {@link OutOfMemoryError} 503 with {@code
   * Retry-After}, any other failure 400; each is counted as rejected and logged.
   */
  public IngestResponse handle(IngestRequest request) {
    ProcessingBudget budget = ProcessingBudget.start(cpuBudget);
    try {
      return route(request);
    } catch (RateLimitedException e) {
      return IngestResponse.error(429, e.getMessage(), e.headers());
    } catch (IngestException e) {
      stats.rejected.increment();
      return IngestResponse.error(e.status(), e.getMessage(),
          e.status() == 405 ? Map.of("Allow", "POST") : Map.of());
    } catch (ProcessingBudget.BudgetExceededException e) {
      stats.rejected.increment();
      stats.overBudget.increment();
      log.warn("ingest request {} {} stopped: {}", request.method(), limit(request.path(), 100),
          e.getMessage());
      return IngestResponse.error(BUDGET_STATUS, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // A bug of ours must not become a 500 that makes the SDK retry forever or an exception in
      // the host's HTTP thread; the sender gets a 400 naming the failure and we log it.
      stats.rejected.increment();
      log.warn("ingest request {} {} failed", request.method(), limit(request.path(), 100), e);
      return IngestResponse.error(400, "request could not be processed: " + e.getClass().getSimpleName());
    } catch (OutOfMemoryError e) {
      stats.rejected.increment();
      log.error("ingest request {} {} ran out of memory", request.method(),
          limit(request.path(), 100), e);
      return IngestResponse.error(503, "server out of memory; retry later",
          Map.of("Retry-After", "60"));
    } catch (Error e) {
      stats.rejected.increment();
      log.error("ingest request {} {} failed with an error", request.method(),
          limit(request.path(), 100), e);
      return IngestResponse.error(400, "request could not be processed: " + e.getClass().getSimpleName());
    } finally {
      budget.close();
    }
  }

  private IngestResponse route(IngestRequest request) throws IngestException {
    Matcher m = ROUTE.matcher(request.path());
    if (!m.matches()) {
      throw new IngestException(404, "no Sentry endpoint at " + limit(request.path(), 100)
          + "; use /api/{project}/envelope/ or /api/{project}/store/");
    }
    if (!"POST".equalsIgnoreCase(request.method())) {
      throw new IngestException(405, request.method() + " is not allowed; use POST");
    }
    ProjectConfig project = authenticate(request, m.group(1));
    byte[] body = BoundedDecompressor.decode(request.body(), request.header("content-encoding"),
        MAX_ENVELOPE_BYTES);
    boolean envelope = m.group(2).equals("envelope") || isEnvelopeContentType(request);
    return envelope ? envelope(project, body) : store(project, body);
  }

  private ProjectConfig authenticate(IngestRequest request, String projectSegment) throws IngestException {
    String key = SentryAuth.publicKey(request);
    if (key == null) {
      throw new IngestException(403, "missing authentication: send X-Sentry-Auth with sentry_key"
          + " or the sentry_key query parameter");
    }
    ProjectConfig project = IdFormat.isValid(projectSegment)
        ? projects.find(ProjectId.of(projectSegment)).orElse(null) : null;
    if (project == null) {
      throw new IngestException(404, "unknown project '" + limit(projectSegment, 64) + "'");
    }
    for (String accepted : project.publicKeys()) {
      if (MessageDigest.isEqual(accepted.getBytes(StandardCharsets.UTF_8),
          key.getBytes(StandardCharsets.UTF_8))) {
        return project;
      }
    }
    throw new IngestException(401, "invalid sentry_key for project '" + project.id() + "'");
  }

  private static boolean isEnvelopeContentType(IngestRequest request) {
    String ct = request.header("content-type");
    return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/x-sentry-envelope");
  }

  private IngestResponse envelope(ProjectConfig project, byte[] body) throws IngestException {
    Envelope envelope = Envelope.parse(body);
    String headerId = null;
    if (envelope.headers().get("event_id") instanceof String id) {
      headerId = eventId(id);
    }
    Envelope.Item eventItem = null;
    for (Envelope.Item item : envelope.items()) {
      if (item.type().equals("event") && eventItem == null) {
        eventItem = item;
      }
      if ((item.type().equals("event") || item.type().equals("transaction"))
          && item.length() > MAX_EVENT_BYTES) {
        throw new IngestException(413, item.type() + " item of " + item.length()
            + " bytes exceeds the " + MAX_EVENT_BYTES + "-byte limit");
      }
    }
    ErrorEvent event = null;
    if (eventItem != null) {
      event = parseEvent(eventItem.data(), eventItem.offset(), eventItem.length());
      if (headerId != null && !headerId.equals(event.eventId())) {
        event = event.toBuilder().eventId(headerId).build();
      }
      // An SDK retrying an envelope it already delivered must not spend quota twice.
      if (!processor.isKnown(project, event.eventId())) {
        acquire(project);
      }
    }
    String responseId = headerId;
    // Attachments belong to the envelope's event: the header id, else the event item's own id.
    String linkId = headerId != null ? headerId : event != null ? event.eventId() : null;
    for (Envelope.Item item : envelope.items()) {
      if (item == eventItem) {
        responseId = accept(project, event);
      } else {
        otherItem(project, item, headerId, linkId);
      }
    }
    return IngestResponse.ok(responseId);
  }

  private IngestResponse store(ProjectConfig project, byte[] body) throws IngestException {
    byte[] json = body;
    int first = firstNonWhitespace(body);
    if (first < 0) {
      throw new IngestException(400, "empty body");
    }
    if (body[first] != '{') {
      byte[] decoded;
      try {
        decoded = Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IngestException(400, "store body is neither JSON nor base64: " + e.getMessage(), e);
      }
      json = BoundedDecompressor.inflateZlib(decoded, MAX_EVENT_BYTES);
    }
    if (json.length > MAX_EVENT_BYTES) {
      throw new IngestException(413, "event of " + json.length + " bytes exceeds the "
          + MAX_EVENT_BYTES + "-byte limit");
    }
    ErrorEvent event = parseEvent(json, 0, json.length);
    if (!processor.isKnown(project, event.eventId())) {
      acquire(project);
    }
    return IngestResponse.ok(accept(project, event));
  }

  private static int firstNonWhitespace(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
        return i;
      }
    }
    return -1;
  }

  private ErrorEvent parseEvent(byte[] data, int offset, int length) throws IngestException {
    try {
      return EventJson.read(data, offset, length);
    } catch (MalformedEventException e) {
      throw new IngestException(400, "invalid event: " + e.getMessage(), e);
    }
  }

  private static String eventId(String raw) throws IngestException {
    String id = raw.replace("-", "").toLowerCase(Locale.ROOT);
    if (id.length() != 32 || !id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
      throw new IngestException(400, "envelope event_id must be 32 hex characters, got '"
          + limit(raw, 40) + "'");
    }
    return id;
  }

  private void acquire(ProjectConfig project) throws RateLimitedException {
    QuotaVerdict verdict = quotas.tryAcquire(project, 1);
    if (!verdict.allowed()) {
      stats.rateLimited.increment();
      throw new RateLimitedException(verdict);
    }
  }

  private String accept(ProjectConfig project, ErrorEvent event) {
    EventProcessor.Result result = processor.process(project, event);
    if (result.duplicate()) {
      stats.duplicates.increment();
    } else {
      stats.events.increment();
    }
    return result.eventId();
  }

  private void otherItem(ProjectConfig project, Envelope.Item item, String headerId, String linkId)
      throws IngestException {
    switch (item.type()) {
      case "transaction":
        try {
          count(items.acceptTransaction(project, headerId, item.data(), item.offset(),
              item.length()), stats.transactions);
        } catch (MalformedTransactionException e) {
          throw new IngestException(400, "invalid transaction: " + e.getMessage(), e);
        }
        break;
      case "attachment":
        count(items.acceptAttachment(project, linkId, item.headers(), item.data(), item.offset(),
            item.length()), stats.attachments);
        break;
      case "session": case "sessions": sessions(project, item); break;
      case "client_report": clientReport(item); break;
      default: stats.skippedItems.increment();
    }
  }

  private void count(boolean accepted, java.util.concurrent.atomic.LongAdder counter) {
    (accepted ? counter : stats.skippedItems).increment();
  }

  private void sessions(ProjectConfig project, Envelope.Item item) {
    SessionPayload s = SessionPayload.parse(item.data(), item.offset(), item.length());
    if (s == null) {
      stats.skippedItems.increment();
      return;
    }
    releases.recordSessions(project.teamId(), project.id(), s.release(), clock.instant(),
        s.started(), s.crashed());
    stats.sessions.increment();
  }

  private void clientReport(Envelope.Item item) {
    try (JsonParser p = Envelope.JSON.createParser(item.data(), item.offset(), item.length())) {
      String reason = null;
      long quantity = 0;
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken t = p.nextToken();
          if (name.equals("reason") && t == JsonToken.VALUE_STRING) {
            reason = p.getText();
          } else if (name.equals("quantity") && t == JsonToken.VALUE_NUMBER_INT) {
            quantity = p.getValueAsLong();
          }
        } else if (p.currentToken() == JsonToken.END_OBJECT && reason != null) {
          stats.clientDiscarded(limit(reason, 64), Math.max(0, quantity));
          reason = null;
          quantity = 0;
        }
      }
    } catch (IOException e) {
      // A broken client report loses only SDK-side statistics; the envelope's other items stand.
      stats.skippedItems.increment();
      log.debug("unreadable client_report item: {}", e.getMessage());
    }
  }

  private static String limit(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  /** Over quota: answered 429 with Sentry's rate-limit headers. */
  static final class RateLimitedException extends IngestException {
    private static final long serialVersionUID = 1L;
    private final transient QuotaVerdict verdict;

    RateLimitedException(QuotaVerdict verdict) {
      super(429, "event quota exceeded (" + verdict.scope() + ": " + verdict.reason() + ")");
      this.verdict = verdict;
    }

    Map<String, String> headers() {
      return Map.of("X-Sentry-Rate-Limits", verdict.rateLimitsHeader(),
          "Retry-After", Long.toString(verdict.retryAfterSeconds()));
    }
  }
}
