package dev.obskit.errors;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.ai.AiAssistant;
import dev.obskit.errors.attachment.AttachmentRepository;
import dev.obskit.errors.capture.AsyncErrorTracker;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.capture.ErrorTrackers;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.ingest.SentryIngestHandler;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.IssueRepository;
import dev.obskit.errors.issue.IssueService;
import dev.obskit.errors.prompt.BugfixPromptBuilder;
import dev.obskit.errors.quota.ProjectQuotas;
import dev.obskit.errors.quota.QuotaVerdict;
import dev.obskit.errors.release.ReleaseRepository;
import dev.obskit.errors.release.ReleaseTracker;
import dev.obskit.errors.tracker.IssueTrackerLinks;
import dev.obskit.errors.transaction.TransactionRepository;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentry-compatible error tracking as an {@link ObsModule}: an in-process {@link ErrorTracker},
 * a {@link SentryIngestHandler} for applications instrumented with a Sentry SDK, grouping into
 * issues with a lifecycle, release tracking, quotas, and bugfix prompts. Add it with {@code
 * ObsKit.builder().addModule(ctx -> ErrorsModule.create(ctx, config))}. Reads time from the kit's
 * clock, raises alerts through {@code ctx.alerts()}, reports accepted events as usage ({@code
 * errors.events}) and consults {@code ctx.quotaGate()}. Thread-safe.
 */
public final class ErrorsModule implements ObsModule {
  private static final Logger log = LoggerFactory.getLogger(ErrorsModule.class);

  private final ErrorsConfig config;
  private final ProjectRegistry projects;
  private final IssueService issues;
  private final EventRepository events;
  private final ReleaseTracker releases;
  private final ProjectQuotas quotas;
  private final EventProcessor processor;
  private final EnvelopeItems items;
  private final SentryIngestHandler ingest;
  private final BugfixPromptBuilder prompts;
  private final ObsContext ctx;
  private final LongAdder captureOverQuota = new LongAdder();
  private final IssueTrackerLinks trackerLinks;
  private volatile AsyncErrorTracker tracker;
  private Thread.UncaughtExceptionHandler previousHandler;
  private Thread.UncaughtExceptionHandler installedHandler;

  private ErrorsModule(ObsContext ctx, ErrorsConfig config) {
    this.ctx = ctx;
    this.config = config;
    this.projects = new ProjectRegistry(config.grouping());
    config.projects().forEach(projects::put);
    this.releases = new ReleaseTracker(
        ctx.repository(ReleaseRepository.class, ReleaseRepository::inMemory), ctx.ids());
    this.issues = new IssueService(ctx.repository(IssueRepository.class, IssueRepository::inMemory),
        releases, ctx.alerts(), ctx.clock(), ctx.ids());
    this.events = ctx.repository(EventRepository.class,
        () -> EventRepository.inMemory(config.eventsPerIssue()));
    this.quotas = new ProjectQuotas(ctx.clock(), ctx.quotaGate());
    this.processor = new EventProcessor(projects, issues, events, ctx.scrubber(), ctx.usage(), ctx.clock());
    this.items = new EnvelopeItems(ctx.repository(TransactionRepository.class,
            () -> TransactionRepository.inMemory(config.transactionsPerProject())),
        ctx.repository(AttachmentRepository.class, () -> AttachmentRepository.inMemory(
            config.attachmentBytesPerProject(), config.attachmentsPerProject())),
        ctx.scrubber(), ctx.ids(), ctx.clock());
    this.ingest = new SentryIngestHandler(projects, quotas, processor, releases, ctx.clock(), items);
    ctx.routes().add(dev.obskit.errors.http.SentryRoutes.group(ingest, ctx.config()));
    ctx.routes().add(dev.obskit.errors.http.ErrorsApiRoutes.group(projects, issues, events,
        dev.obskit.core.http.ApiAccess.fromConfig(ctx.config())));
    this.trackerLinks = new IssueTrackerLinks(issues, events, ctx.clock(),
        ctx.config().getString("obs.errors.issue-url-prefix", "/errors/issues/"));
    dev.obskit.core.http.RouteGroup webhooks = dev.obskit.errors.http.TrackerWebhookRoutes.group(
        trackerLinks, ctx.config().getString("obs.errors.linear.webhook-secret"),
        ctx.config().getString("obs.errors.jira.webhook-secret"));
    if (webhooks != null) {
      ctx.routes().add(webhooks);
    }
    this.prompts = new BugfixPromptBuilder(issues, events, ctx.scrubber());
  }

  /** Creates the module; the tracker starts with {@link #start()}. */
  public static ErrorsModule create(ObsContext ctx, ErrorsConfig config) {
    return new ErrorsModule(Objects.requireNonNull(ctx, "ctx"), Objects.requireNonNull(config, "config"));
  }

  @Override
  public String name() {
    return "errors";
  }

  @Override
  public synchronized void start() {
    tracker = ErrorTracker.create(config.capture(), ctx.clock(), this::captured);
    if (config.installGlobalTracker()) {
      ErrorTrackers.setGlobal(tracker);
    }
    if (config.installUncaughtHandler()) {
      previousHandler = Thread.getDefaultUncaughtExceptionHandler();
      installedHandler = tracker.uncaughtExceptionHandler(previousHandler);
      Thread.setDefaultUncaughtExceptionHandler(installedHandler);
    }
  }

  private void captured(ErrorEvent event) {
    ProjectConfig project = projects.find(config.captureProject()).orElseThrow();
    QuotaVerdict verdict = quotas.tryAcquire(project, 1);
    if (!verdict.allowed()) {
      captureOverQuota.increment();
      return;
    }
    processor.process(project, event);
  }

  @Override
  public synchronized void shutdown(Duration timeout) {
    AsyncErrorTracker t = tracker;
    if (t == null) {
      return;
    }
    if (installedHandler != null && Thread.getDefaultUncaughtExceptionHandler() == installedHandler) {
      Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
    ErrorTrackers.clearGlobal(t);
    if (!t.close(timeout)) {
      log.warn("errors module shut down before every captured error was processed: {}", t.stats());
    }
  }

  /** Returns the in-process tracker; the no-op tracker before {@link #start()}. */
  public ErrorTracker tracker() {
    AsyncErrorTracker t = tracker;
    return t == null ? ErrorTracker.noop() : t;
  }

  /** Returns the Sentry ingestion handler to mount on an HTTP server. */
  public SentryIngestHandler ingestHandler() {
    return ingest;
  }

  /**
   * Returns the Linear/Jira links of issues; its webhook routes are registered when {@code
   * obs.errors.linear.webhook-secret} or {@code obs.errors.jira.webhook-secret} is set.
   */
  public IssueTrackerLinks trackerLinks() {
    return trackerLinks;
  }

  /** Returns the issue lifecycle service. */
  public IssueService issues() {
    return issues;
  }

  /**
   * Returns the project's issues matching {@code query}, most recently seen first; environment and
   * tag criteria look at each issue's stored events.
   */
  public dev.obskit.core.store.Page<dev.obskit.errors.issue.Issue> searchIssues(
      dev.obskit.core.id.TeamId team, dev.obskit.core.id.ProjectId project,
      dev.obskit.errors.issue.IssueQuery query, dev.obskit.core.store.PageRequest page) {
    return issues.search(team, project, query, events, config.eventsPerIssue(), page);
  }

  /** Returns the stored events. */
  public EventRepository events() {
    return events;
  }

  /** Returns the stored transactions and attachments that arrived in envelopes. */
  public EnvelopeItems items() {
    return items;
  }

  /** Returns release tracking. */
  public ReleaseTracker releases() {
    return releases;
  }

  /** Returns the projects (add or replace projects at runtime here). */
  public ProjectRegistry projects() {
    return projects;
  }

  /** Returns the project quotas. */
  public ProjectQuotas quotas() {
    return quotas;
  }

  /** Returns the processing pipeline (for hosts feeding events from elsewhere). */
  public EventProcessor processor() {
    return processor;
  }

  /** Returns the bugfix prompt builder. */
  public BugfixPromptBuilder prompts() {
    return prompts;
  }

  /** Returns a bugfix prompt answer for the issue from {@code assistant} (offline: the prompt). */
  public dev.obskit.core.ai.AiAnswer suggestFix(dev.obskit.core.id.TeamId team,
      dev.obskit.errors.issue.IssueId issue, AiAssistant assistant) {
    return prompts.ask(team, issue, assistant);
  }

  /** Returns in-process captures refused by the quota. */
  public long captureOverQuota() {
    return captureOverQuota.sum();
  }
}
