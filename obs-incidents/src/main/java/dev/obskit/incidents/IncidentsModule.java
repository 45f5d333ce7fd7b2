package dev.obskit.incidents;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.event.Subscription;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.Notifier;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.escalation.EscalationDriver;
import dev.obskit.incidents.escalation.EscalationEngine;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import dev.obskit.incidents.escalation.ResponderDirectory;
import dev.obskit.incidents.escalation.TickReport;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.Incident;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.TransitionResult;
import dev.obskit.incidents.metrics.IncidentMetrics;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.notify.IncidentNotifications;
import dev.obskit.incidents.notify.NotificationDispatcher;
import dev.obskit.incidents.oncall.OnCallDirectory;
import dev.obskit.incidents.postmortem.PostmortemDraft;
import dev.obskit.incidents.postmortem.PostmortemGenerator;
import dev.obskit.incidents.store.InMemoryEscalationPolicyRepository;
import dev.obskit.incidents.store.InMemoryIncidentRepository;
import dev.obskit.incidents.store.InMemoryResponderDirectory;
import dev.obskit.incidents.store.InMemoryServiceCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incidents module: alerts on the kit's event bus open incidents in the service catalog's
 * services, escalation policies page responders and on-call users through the notifiers, and the
 * module measures and writes up the response. Host usage:
 *
 * <pre>{@code
 * ObsKit.builder().addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder()
 *     .addNotifier(new SlackWebhookNotifier()).build()))
 * }</pre>
 *
 * On-call: the escalation engine asks the {@link OnCallDirectory} set in the config, else the one
 * registered in the context (the schedules service registers itself), else nobody is on call.
 * Thread-safe.
 */
public final class IncidentsModule implements ObsModule {
  /** The module's name. */
  public static final String NAME = "incidents";
  /** Name of the generated action-link secret in the kit's {@code StoredKeys}. */
  public static final String LINK_SECRET_KEY = "incidents.link-secret";
  /** Name of the stored key that signs iCal feed tokens. */
  public static final String ICAL_SECRET_KEY = "incidents.ical-secret";
  private static final int LINK_SECRET_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(IncidentsModule.class);

  private final ObsContext ctx;
  private final IncidentsConfig config;
  private final ServiceCatalog catalog;
  private final EscalationPolicyRepository policies;
  private final ResponderDirectory responders;
  private final IncidentService incidents;
  private final NotificationDispatcher dispatcher;
  private final EscalationEngine engine;
  private final EscalationDriver driver;
  private final AlertIntake intake;
  private final PostmortemGenerator postmortems;
  private final ActionLinks links;
  private final dev.obskit.incidents.oncall.ical.CalendarFeedTokens calendarTokens;
  private final dev.obskit.incidents.chat.SlackWorkflows chat;
  private volatile Subscription subscription;

  private IncidentsModule(ObsContext ctx, IncidentsConfig config) {
    this.ctx = ctx;
    this.config = config;
    this.catalog = ctx.repository(ServiceCatalog.class, InMemoryServiceCatalog::new);
    this.policies = ctx.repository(EscalationPolicyRepository.class,
        InMemoryEscalationPolicyRepository::new);
    this.responders = new MeteredResponders(
        ctx.repository(ResponderDirectory.class, InMemoryResponderDirectory::new), ctx);
    this.incidents = new IncidentService(
        ctx.repository(IncidentRepository.class, InMemoryIncidentRepository::new), ctx.clock(),
        ctx.ids(), ctx.eventBus());
    NotificationDispatcher.Builder d = NotificationDispatcher.builder(ctx.clock())
        .setRetryPolicy(config.retryPolicy).setQueueCapacity(config.queueCapacity);
    for (Notifier n : config.notifiers) {
      d.addNotifier(n);
    }
    config.rateLimits.forEach((k, r) -> d.setRateLimit(k, r.permits(), r.period()));
    this.dispatcher = d.build();
    this.links = new ActionLinks(config.linkBaseUrl, config.linkSecret != null ? config.linkSecret
        : ctx.keys().getOrCreate(LINK_SECRET_KEY, LINK_SECRET_BYTES), ctx.clock(),
        ActionLinks.DEFAULT_TTL);
    this.calendarTokens = dev.obskit.incidents.oncall.ical.CalendarFeedTokens.withSecret(
        ctx.keys().getOrCreate(ICAL_SECRET_KEY, LINK_SECRET_BYTES));
    dev.obskit.incidents.http.IncidentRoutes.register(ctx, incidents, links, calendarTokens);
    dev.obskit.incidents.http.IncidentsApiRoutes.register(ctx, incidents);
    this.engine = EscalationEngine.builder().setIncidents(incidents).setPolicies(policies)
        .setResponders(responders).setOnCall(onCallDirectory()).setCatalog(catalog)
        .setDispatcher(dispatcher)
        .setRenderer(new IncidentNotifications(links))
        .setClock(ctx.clock()).setAckTimeout(config.ackTimeout).build();
    incidents.addListener(engine);
    this.driver = new EscalationDriver(engine, config.tickInterval);
    this.intake = new AlertIntake(incidents, catalog, a -> config.defaultPolicy,
        config.autoResolveUnmapped);
    this.postmortems = new PostmortemGenerator(incidents.repository(), catalog, config.assistant,
        ctx.scrubber(), ctx.clock(), config.correlationWindow);
    this.chat = config.chat == null ? null : dev.obskit.incidents.chat.ChatRoutes.register(ctx,
        incidents, onCallDirectory(), config.chat.team(), config.chat.slackSigningSecret(),
        config.chat.teamsSecurityToken(), config.defaultPolicy);
  }

  /** Creates the module with {@code config}. */
  public static IncidentsModule create(ObsContext ctx, IncidentsConfig config) {
    return new IncidentsModule(Objects.requireNonNull(ctx, "ctx"), Objects.requireNonNull(config, "config"));
  }

  /** Creates the module from the context's {@code obs.incidents.*} configuration. */
  public static IncidentsModule create(ObsContext ctx) {
    return create(ctx, IncidentsConfig.fromConfig(ctx.config(), ctx.clock()).build());
  }

  private OnCallDirectory onCallDirectory() {
    if (config.onCall != null) {
      return config.onCall;
    }
    return (team, schedule, at) -> ctx.lookup(OnCallDirectory.class)
        .map(dir -> dir.whoIsOnCall(team, schedule, at)).orElse(List.of());
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Subscribes to alerts and starts the escalation driver (unless disabled). */
  @Override
  public void start() {
    subscription = ctx.eventBus().subscribe(AlertEvent.class, this::onAlert);
    if (config.driverEnabled) {
      driver.start();
    }
  }

  private void onAlert(AlertEvent event) {
    try {
      intake.onAlert(event);
    } catch (RuntimeException e) {
      log.error("alert {} could not be turned into an incident", event.alert().dedupKey(), e);
    }
  }

  /** Stops taking alerts, stops the driver, and lets queued notifications finish within the deadline. */
  @Override
  public void shutdown(Duration timeout) {
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
    driver.shutdown(timeout.dividedBy(4));
    dispatcher.shutdown(timeout.dividedBy(2));
    if (chat != null) {
      chat.close();
    }
  }

  /** Processes due escalation work now (for hosts and tests that drive time themselves). */
  public TickReport tick() {
    return engine.tick();
  }

  /**
   * Applies a clicked acknowledge/resolve link for the host's HTTP endpoint: verifies {@code token}
   * (constant time; refused when expired or issued before the incident was re-opened) and
   * acknowledges or resolves as {@code by}. A bad token answers {@link
   * TransitionResult.NotFound}, which does not reveal whether the incident exists.
   */
  public TransitionResult applyLink(ActionLinks.Action action, TeamId team, IncidentId id,
      String token, String by) {
    Optional<Incident> current = incidents.find(team, id);
    if (current.isEmpty() || links.check(action, team, id, token,
        ActionLinks.epochOf(current.get())) != ActionLinks.Verdict.VALID) {
      return new TransitionResult.NotFound(team, id);
    }
    return action == ActionLinks.Action.ACKNOWLEDGE ? incidents.acknowledge(team, id, by)
        : incidents.resolve(team, id, by, "via link");
  }

  /** Returns the tokens of the iCal feed URLs served under {@code /calendars/...}. */
  public dev.obskit.incidents.oncall.ical.CalendarFeedTokens calendarTokens() {
    return calendarTokens;
  }

  /** Returns the incident page and action link builder. */
  public ActionLinks links() {
    return links;
  }

  /** Returns the incident commands and queries. */
  public IncidentService incidents() {
    return incidents;
  }

  /** Returns the service catalog. */
  public ServiceCatalog catalog() {
    return catalog;
  }

  /** Returns the escalation policies. */
  public EscalationPolicyRepository policies() {
    return policies;
  }

  /**
   * Returns the responders and their contact methods. Every change reports the team's responder
   * count as {@code incidents.responders} usage (obs-billing meters its peak).
   */
  public ResponderDirectory responders() {
    return responders;
  }

  /** Returns the notification dispatcher (for its counters). */
  public NotificationDispatcher dispatcher() {
    return dispatcher;
  }

  /** Returns the escalation engine. */
  public EscalationEngine engine() {
    return engine;
  }

  /** Returns the response metrics calculator. */
  public IncidentMetrics metrics() {
    return new IncidentMetrics(incidents.repository());
  }

  /**
   * Drafts the postmortem of the team's incident; reports the assistant's tokens as usage when a
   * model generated text.
   */
  public Optional<PostmortemDraft> postmortem(TeamId team, IncidentId id) {
    Optional<PostmortemDraft> draft = postmortems.draft(team, id);
    draft.filter(p -> p.enrichment().generated()).ifPresent(p -> reportTokens(team, p));
    return draft;
  }

  private void reportTokens(TeamId team, PostmortemDraft p) {
    String key = "incidents.postmortem:" + p.incident() + ":" + ctx.clock().instant().toEpochMilli();
    Map<String, String> dims = Map.of("model", p.enrichment().model(), "user", UserId.of("system").value());
    ctx.usage().report(new UsageEvent(team, Meters.LLM_INPUT_TOKENS, p.enrichment().inputTokens(),
        ctx.clock().instant(), key + ":in", dims));
    ctx.usage().report(new UsageEvent(team, Meters.LLM_OUTPUT_TOKENS, p.enrichment().outputTokens(),
        ctx.clock().instant(), key + ":out", dims));
  }
}
