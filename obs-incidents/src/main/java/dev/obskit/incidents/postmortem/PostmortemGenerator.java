package dev.obskit.incidents.postmortem;

import dev.obskit.core.ai.AiAnswer;
import dev.obskit.core.ai.AiAssistant;
import dev.obskit.core.ai.AiRequest;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentQuery;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.IncidentRole;
import dev.obskit.incidents.incident.TimelineEntry;
import dev.obskit.incidents.incident.TimelineEventType;
import dev.obskit.incidents.metrics.IncidentMetrics;
import dev.obskit.incidents.metrics.ResponseReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drafts a Markdown postmortem from an incident's timeline: summary, impact window, detection,
 * TTA/TTR beside the service's MTTA/MTTR percentiles, contributing alerts, root-cause hints
 * (incidents of the same service opened within the correlation window), the actions taken, and
 * placeholders for what went well and badly. Then asks the {@link AiAssistant} to enrich it, with
 * a prompt scrubbed of PII; the offline assistant returns the prompt, which the draft includes so
 * a person can paste it into an assistant. Thread-safe; blocks at most as long as the assistant.
 */
public final class PostmortemGenerator {
  /** Default correlation window: incidents this close to the opening count as related. */
  public static final Duration DEFAULT_CORRELATION_WINDOW = Duration.ofMinutes(15);
  /** Range of the service baseline shown beside the incident's own TTA/TTR. */
  public static final Duration BASELINE = Duration.ofDays(30);
  /** Most tokens asked of the assistant. */
  static final int MAX_OUTPUT_TOKENS = 1200;

  private final IncidentRepository repository;
  private final ServiceCatalog catalog;
  private final AiAssistant assistant;
  private final PiiScrubber scrubber;
  private final Clock clock;
  private final Duration window;

  /** Creates a generator. */
  public PostmortemGenerator(IncidentRepository repository, ServiceCatalog catalog,
      AiAssistant assistant, PiiScrubber scrubber, Clock clock, Duration correlationWindow) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.assistant = Objects.requireNonNull(assistant, "assistant");
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(correlationWindow, "correlationWindow");
  }

  /** Returns the draft for the team's incident, or empty if there is no such incident. */
  public Optional<PostmortemDraft> draft(TeamId team, IncidentId id) {
    return repository.find(team, id).map(this::draft);
  }

  /** Returns the draft for {@code incident}. */
  public PostmortemDraft draft(Incident incident) {
    Optional<Service> service = incident.service().flatMap(s -> catalog.find(incident.teamId(), s));
    List<RootCauseHint> hints = hints(incident);
    Optional<ResponseReport> baseline = incident.service().map(s -> new IncidentMetrics(repository)
        .forService(incident.teamId(), s, incident.createdAt().minus(BASELINE),
            incident.createdAt().plusNanos(1)));
    String body = new PostmortemMarkdown(incident, service, hints, baseline, clock.instant()).render();
    String prompt = scrubber.scrubText(prompt(body));
    AiAnswer answer = ask(incident.teamId(), prompt);
    return new PostmortemDraft(incident.id(), body + enrichment(answer), hints, answer);
  }

  /** Returns incidents of the same service opened within the window around this one. */
  public List<RootCauseHint> hints(Incident incident) {
    if (incident.serviceId() == null) {
      return List.of();
    }
    IncidentQuery query = IncidentQuery.createdBetween(incident.createdAt().minus(window),
        incident.createdAt().plus(window).plusNanos(1)).forService(incident.serviceId());
    List<RootCauseHint> hints = new ArrayList<>();
    for (Incident other : repository.listAll(incident.teamId(), query)) {
      if (!other.id().equals(incident.id())) {
        hints.add(new RootCauseHint(other.id(), other.dedupKey(), other.title(), other.createdAt(),
            Duration.between(incident.createdAt(), other.createdAt())));
      }
    }
    return hints;
  }

  private AiAnswer ask(TeamId team, String prompt) {
    try {
      return assistant.complete(new AiRequest(team, "incidents.postmortem", prompt, MAX_OUTPUT_TOKENS));
    } catch (RuntimeException e) {
      return new AiAnswer(prompt, false, assistant.getName(), 0, 0,
          "assistant threw " + e.getClass().getSimpleName());
    }
  }

  private static String prompt(String draft) {
    return "You are helping write a blameless incident postmortem. Using the draft below, propose "
        + "a likely root cause, what went well, what went badly and 3-5 concrete action items. "
        + "Answer in Markdown.\n\n" + draft;
  }

  private static String enrichment(AiAnswer answer) {
    if (answer.generated()) {
      return "\n## AI analysis (" + answer.model() + ")\n\n" + answer.text().strip() + "\n";
    }
    String why = answer.failure().isEmpty() ? "no AI assistant is configured" : answer.failure();
    return "\n## AI analysis\n\n_Not generated: " + why + "._ Paste this prompt into an assistant:\n\n"
        + "~~~text\n" + firstLine(answer.text()) + "\n~~~\n";
  }

  private static String firstLine(String prompt) {
    int nl = prompt.indexOf('\n');
    return (nl < 0 ? prompt : prompt.substring(0, nl)) + " (followed by this draft)";
  }

  /** Renders the Markdown body. Package-private helper; one instance per draft. */
  static final class PostmortemMarkdown {
    private final Incident i;
    private final Optional<Service> service;
    private final List<RootCauseHint> hints;
    private final Optional<ResponseReport> baseline;
    private final java.time.Instant now;
    private final StringBuilder md = new StringBuilder();

    PostmortemMarkdown(Incident i, Optional<Service> service, List<RootCauseHint> hints,
        Optional<ResponseReport> baseline, java.time.Instant now) {
      this.i = i;
      this.service = service;
      this.hints = hints;
      this.baseline = baseline;
      this.now = now;
    }

    String render() {
      md.append("# Postmortem: ").append(inline(i.title())).append(" (").append(i.id()).append(")\n\n");
      md.append("_Draft generated by ObsKit at ").append(now).append(". Review and edit before sharing._\n\n");
      summary();
      impact();
      metrics();
      alerts();
      hints();
      actions();
      md.append("## What went well\n\n- _TODO_\n\n## What went badly\n\n- _TODO_\n\n");
      md.append("## Action items\n\n- [ ] _TODO_\n");
      return md.toString();
    }

    private void summary() {
      md.append("## Summary\n\n");
      md.append("- **Severity:** ").append(i.severity()).append('\n');
      md.append("- **Service:** ").append(service.map(s -> inline(s.name()) + " (`" + s.id() + "`)")
          .orElse("not mapped")).append('\n');
      md.append("- **Status:** ").append(i.status()).append('\n');
      if (!i.dedupKey().isEmpty()) {
        md.append("- **Dedup key:** `").append(i.dedupKey()).append("`\n");
      }
      for (IncidentRole role : IncidentRole.values()) {
        List<String> who = i.roles().stream().filter(r -> r.role() == role)
            .map(r -> r.user().value()).distinct().collect(Collectors.toList());
        if (!who.isEmpty()) {
          md.append("- **").append(title(role.name())).append(":** ").append(String.join(", ", who))
              .append('\n');
        }
      }
      md.append('\n');
    }

    private void impact() {
      md.append("## Impact window\n\n");
      md.append("- **Detected (opened):** ").append(i.createdAt()).append(" by ")
          .append(inline(i.timeline().get(0).actor())).append('\n');
      if (i.firstAcknowledgedAt() != null) {
        md.append("- **First acknowledged:** ").append(i.firstAcknowledgedAt()).append('\n');
      }
      if (i.resolvedAt() != null) {
        md.append("- **Resolved:** ").append(i.resolvedAt()).append(" by ")
            .append(inline(i.resolvedBy())).append('\n');
        md.append("- **Duration:** ").append(human(Duration.between(i.createdAt(), i.resolvedAt())))
            .append('\n');
      } else {
        md.append("- **Resolved:** not yet (open for ")
            .append(human(Duration.between(i.createdAt(), now))).append(")\n");
      }
      md.append('\n');
    }

    private void metrics() {
      md.append("## Response\n\n| metric | this incident |");
      baseline.ifPresent(b -> md.append(" service, 30 days (mean / p50 / p90 / p95) |"));
      md.append("\n|---|---|").append(baseline.isPresent() ? "---|" : "").append('\n');
      md.append("| Time to acknowledge (MTTA) | ")
          .append(i.timeToAcknowledge().map(PostmortemMarkdown::human).orElse("not acknowledged"))
          .append(" |");
      baseline.ifPresent(b -> md.append(' ').append(stats(b.timeToAcknowledge())).append(" |"));
      md.append("\n| Time to resolve (MTTR) | ")
          .append(i.timeToResolve().map(PostmortemMarkdown::human).orElse("not resolved")).append(" |");
      baseline.ifPresent(b -> md.append(' ').append(stats(b.timeToResolve())).append(" |"));
      md.append('\n');
      baseline.flatMap(ResponseReport::meanTimeBetweenFailures).ifPresent(m ->
          md.append("\nService MTBF over 30 days: ").append(human(m)).append('\n'));
      md.append('\n');
    }

    private static String stats(dev.obskit.incidents.metrics.ResponseStats s) {
      return s.count() == 0 ? "n/a" : human(s.mean()) + " / " + human(s.p50()) + " / "
          + human(s.p90()) + " / " + human(s.p95()) + " (" + s.count() + " incident(s))";
    }

    private void alerts() {
      md.append("## Contributing alerts\n\n");
      List<TimelineEntry> received = i.entries(TimelineEventType.ALERT_RECEIVED);
      if (received.isEmpty()) {
        md.append("None: the incident was opened by hand.\n\n");
        return;
      }
      md.append("| time | dedup key | source | summary |\n|---|---|---|---|\n");
      for (TimelineEntry e : received) {
        md.append("| ").append(e.at()).append(" | `").append(cell(e.attribute("dedupKey")))
            .append("` | ").append(cell(e.attribute("source"))).append(" | ")
            .append(cell(e.attribute("summary").isEmpty() ? e.message() : e.attribute("summary")))
            .append(" |\n");
      }
      md.append('\n');
    }

    private void hints() {
      md.append("## Root-cause hints\n\n");
      if (hints.isEmpty()) {
        md.append("No other incident of this service opened within the correlation window.\n\n");
        return;
      }
      for (RootCauseHint h : hints) {
        Duration abs = h.offset().abs();
        md.append("- `").append(h.dedupKey().isEmpty() ? h.incident().value() : h.dedupKey())
            .append("` (").append(h.incident()).append("): ").append(inline(h.title())).append(" opened ")
            .append(human(abs)).append(h.firedFirst() ? " **before**: a possible cause" : " after: "
                + (abs.isZero() ? "at the same time" : "likely a symptom")).append('\n');
      }
      md.append('\n');
    }

    private void actions() {
      md.append("## Actions taken\n\n| time | who | what |\n|---|---|---|\n");
      int delivered = 0;
      int failed = 0;
      for (TimelineEntry e : i.timeline()) {
        if (e.type() == TimelineEventType.NOTIFIED) {
          if ("DELIVERED".equals(e.attribute("status"))) {
            delivered++;
          } else if (!"true".equals(e.attribute("willRetry"))) {
            failed++;
          }
          continue;
        }
        md.append("| ").append(e.at()).append(" | ").append(cell(e.actor())).append(" | ")
            .append(cell(e.message())).append(" |\n");
      }
      md.append("\nNotifications: ").append(delivered).append(" delivered, ").append(failed)
          .append(" failed for good.\n\n");
    }

    static String human(Duration d) {
      long s = d.getSeconds();
      if (s < 60) {
        return s + "s";
      }
      if (s < 3600) {
        return (s / 60) + "m " + (s % 60) + "s";
      }
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    private static String title(String enumName) {
      return enumName.charAt(0) + enumName.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String inline(String s) {
      return s.replaceAll("[\\r\\n]+", " ");
    }

    private static String cell(String s) {
      return inline(s).replace("|", "\\|");
    }
  }
}
