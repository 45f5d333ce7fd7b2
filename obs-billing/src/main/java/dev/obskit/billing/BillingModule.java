package dev.obskit.billing;

import dev.obskit.billing.cost.CostCollector;
import dev.obskit.billing.cost.CostLedger;
import dev.obskit.billing.cost.CostRepository;
import dev.obskit.billing.cost.LlmCostMeter;
import dev.obskit.billing.cost.MarginCalculator;
import dev.obskit.billing.cost.MarginReport;
import dev.obskit.billing.metering.MeteringService;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.metering.UsageLedger;
import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBookRegistry;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceRepository;
import dev.obskit.billing.pricing.PricingCalculator;
import dev.obskit.billing.quota.QuotaService;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionRepository;
import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.core.store.Versioned;
import dev.obskit.core.usage.QuotaGate;
import dev.obskit.core.usage.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * obs-billing as an ObsKit module: meters every {@link UsageEvent} published on the kit's bus,
 * keeps subscriptions, quotes and issues invoices from price books, raises quota alerts, offers
 * its {@link QuotaGate} to the other modules, and tracks costs and margin.
 *
 * <p>Add it before the modules whose usage it should meter, so it subscribes first:
 * {@code ObsKit.builder().addModule(ctx -> BillingModule.create(ctx, BillingConfig.defaults()))}.
 * The bus subscription and the quota gate are set up in {@link #create}, so usage published while
 * later modules start is metered too.
 *
 * <p>Thread-safe. Ingest runs on the publisher's thread (synchronous bus) and never throws into it;
 * failed writes are retried in the background every {@link BillingConfig#retryInterval()}.
 *
 * <p>{@link #shutdown} stops the retry thread (after a last retry) but keeps the bus subscription:
 * modules stopped after this one may still flush usage while they stop, and losing it would make
 * the invoice depend on module order. The kit closes its bus after every module has stopped.
 */
public final class BillingModule implements ObsModule {
  private static final Logger LOG = LoggerFactory.getLogger(BillingModule.class);

  private final Clock clock;
  private final PriceBookRegistry books = new PriceBookRegistry();
  private final SubscriptionRepository subscriptions;
  private final InvoiceRepository invoices;
  private final MeteringService metering;
  private final QuotaService quotas;
  private final PricingCalculator pricing;
  private final CostLedger costs;
  private final LlmCostMeter llmCosts;
  private final Duration retryInterval;
  private volatile ScheduledExecutorService retries;
  private volatile ScheduledExecutorService costSync;

  private BillingModule(ObsContext ctx, BillingConfig config, UsageLedger ledger) {
    this.clock = ctx.clock();
    this.subscriptions = ctx.repository(SubscriptionRepository.class, SubscriptionRepository::inMemory);
    this.invoices = ctx.repository(InvoiceRepository.class, InvoiceRepository::inMemory);
    config.books().forEach(books::register);
    this.metering = new MeteringService(ledger, config.meters(), clock, config.maxPendingRetries(),
        config.meteringPolicy());
    this.quotas = new QuotaService(metering, ctx.alerts(), clock, config.quotaPolicy(),
        this::planLimits);
    this.pricing = new PricingCalculator(books, clock);
    this.costs = new CostLedger(ctx.repository(CostRepository.class, CostRepository::inMemory), clock);
    this.llmCosts = new LlmCostMeter(config.llmPrices(), clock);
    this.costs.addCollector(llmCosts);
    loadCollectors(costs);
    this.retryInterval = config.retryInterval();
    metering.addListener(quotas);
    metering.addListener(llmCosts);
    ctx.eventBus().subscribe(UsageEvent.class, metering::ingestOrQueue);
    ctx.register(QuotaGate.class, quotas);
  }

  /**
   * Creates the module with every repository, the usage ledger included, from the kit's store
   * (in memory when the store has none).
   */
  public static BillingModule create(ObsContext ctx, BillingConfig config) {
    Objects.requireNonNull(ctx, "ctx");
    return create(ctx, config, ctx.repository(UsageLedger.class, UsageLedger::inMemory));
  }

  /** Creates the module over the given usage ledger (a JDBC one, or a test's). */
  public static BillingModule create(ObsContext ctx, BillingConfig config, UsageLedger ledger) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(ledger, "ledger");
    BillingModule module = new BillingModule(ctx, config, ledger);
    ctx.routes().add(dev.obskit.billing.http.BillingApiRoutes.group(module,
        dev.obskit.core.http.ApiAccess.fromConfig(ctx.config())));
    return module;
  }

  @Override
  public String name() {
    return "billing";
  }

  @Override
  public void start() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "obs-billing-retry");
      t.setDaemon(true);
      return t;
    });
    long millis = retryInterval.toMillis();
    executor.scheduleWithFixedDelay(this::retryQuietly, millis, millis, TimeUnit.MILLISECONDS);
    retries = executor;
    ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "obs-billing-cost-sync");
      t.setDaemon(true);
      return t;
    });
    daily.scheduleAtFixedRate(this::syncCostsQuietly, untilNextCostSync().toMillis(),
        Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
    costSync = daily;
  }

  /** Time until the next daily cost sync, at 01:00 UTC by the kit's clock. */
  private Duration untilNextCostSync() {
    Instant now = clock.instant();
    Instant next = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().atTime(1, 0)
        .toInstant(java.time.ZoneOffset.UTC);
    return Duration.between(now, next.isAfter(now) ? next : next.plus(Duration.ofDays(1)));
  }

  /**
   * Syncs yesterday's (UTC) costs from every collector; days a collector failed on are retried
   * first (see {@link CostLedger#sync}). Runs once a day at 01:00 UTC on its own thread, so
   * provider calls never block the host or the metering retries.
   */
  private void syncCostsQuietly() {
    try {
      CostLedger.SyncReport report = costs.sync(
          clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1));
      if (!report.failures().isEmpty()) {
        LOG.warn("daily cost sync of {}: failures {}, retried tomorrow: {}", report.day(),
            report.failures().keySet(), report.missed());
      }
    } catch (RuntimeException | Error e) {
      // A periodic task that throws is cancelled for good by its executor: never let one out.
      LOG.warn("daily cost sync failed; retried tomorrow", e);
    }
  }

  @Override
  public void shutdown(Duration timeout) {
    ScheduledExecutorService daily = costSync;
    if (daily != null) {
      daily.shutdownNow(); // a sync in flight is abandoned; it is idempotent, so re-run it freely
    }
    ScheduledExecutorService executor = retries;
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    retryQuietly();
    if (metering.pendingCount() > 0) {
      LOG.warn("billing stopped with {} usage events whose writes failed and were not retried",
          metering.pendingCount());
    }
  }

  /**
   * Stores a new or changed subscription and applies its billing zone and limits to metering and
   * quotas. A subscription not stored yet is inserted at version 1; a stored one must carry the
   * version it was read at (optimistic locking: {@link StaleVersionException} otherwise) and is
   * stored as the next version. The subscription is checked against its book first (region, items,
   * kinds, quantities), so a bad one is refused here rather than failing an invoice run later.
   *
   * @throws IllegalArgumentException naming the region or item the book does not offer
   */
  public synchronized Subscription saveSubscription(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    subscription.validateAgainst(book(subscription));
    Optional<Subscription> stored = subscriptions.find(subscription.teamId(), subscription.id());
    Subscription saved;
    if (stored.isEmpty()) {
      saved = subscriptions.insert(subscription.withVersion(Versioned.INITIAL_VERSION));
    } else if (stored.get().version() != subscription.version()) {
      throw new StaleVersionException(subscription.teamId() + "/" + subscription.id(),
          subscription.version(), stored.get().version());
    } else {
      saved = subscriptions.update(subscription.withVersion(subscription.version() + 1));
    }
    metering.setBillingZone(saved.teamId(), saved.billingZone());
    quotas.invalidate(saved.teamId());
    return saved;
  }

  /** Returns the team's subscription (the first by id when a team has several). */
  public Optional<Subscription> subscription(TeamId teamId) {
    return subscriptions.findByTeam(teamId).stream()
        .min(Comparator.comparing(s -> s.id().value()));
  }

  /** Returns the team's current billing period. */
  public BillingPeriod currentPeriod(TeamId teamId) {
    return metering.currentPeriod(teamId);
  }

  /** Returns the team's usage in {@code period}. */
  public UsageRecord usage(TeamId teamId, BillingPeriod period) {
    return metering.usage(teamId, period);
  }

  /** Quotes the team's current period with its usage so far (the month-to-date invoice). */
  public Invoice quoteMonthToDate(TeamId teamId) {
    Subscription subscription = subscription(teamId).orElseThrow(() ->
        new IllegalArgumentException("team " + teamId + " has no subscription"));
    BillingPeriod period = currentPeriod(teamId);
    return pricing.quote(subscription, metering.usage(teamId, period), period);
  }

  /**
   * Quotes and stores the invoice of every subscription for {@code month}. Idempotent and
   * resumable: an invoice already stored for the month is left as it is (running twice issues
   * each invoice once; a run that failed part-way is completed by running it again). A
   * subscription that cannot be invoiced (a line above its sanity limit, a storage error) is
   * logged and reported in {@link InvoiceRun#failures()}; the other teams are still invoiced.
   * Runs one at a time; blocks for as long as quoting and storing take.
   */
  public synchronized InvoiceRun issueInvoices(YearMonth month) {
    Objects.requireNonNull(month, "month");
    List<Invoice> issued = new ArrayList<>();
    List<Invoice> already = new ArrayList<>();
    Map<TeamId, String> failures = new LinkedHashMap<>();
    for (Subscription subscription : subscriptions.all()) {
      try {
        BillingPeriod period = new BillingPeriod(month, subscription.billingZone());
        Optional<Invoice> stored = invoices.find(subscription.teamId(),
            PricingCalculator.invoiceId(subscription, period));
        if (stored.isPresent()) {
          already.add(stored.get());
          continue;
        }
        issued.add(invoices.save(pricing.quote(subscription,
            metering.usage(subscription.teamId(), period), period)));
      } catch (RuntimeException e) {
        LOG.warn("invoice of team {} subscription {} for {} not issued: {}",
            subscription.teamId(), subscription.id(), month, e.getMessage());
        failures.merge(subscription.teamId(), subscription.id() + ": " + e.getMessage(),
            (a, b) -> a + "; " + b);
      }
    }
    return new InvoiceRun(month, issued, already, failures);
  }

  /** Returns the margin of {@code month} in the default book's currency (USD). */
  public MarginReport margin(YearMonth month) {
    return margin(month, PriceBooks.defaultBook().currency());
  }

  /**
   * Returns the margin of {@code month} in {@code currency}: the month's issued invoices minus its
   * recorded costs; invoices and costs in other currencies are left out (listed as excluded).
   */
  public MarginReport margin(YearMonth month, Currency currency) {
    return margin(month, Money.zero(currency));
  }

  /**
   * Returns the margin of {@code month} with {@code externalRevenue} (for example the month's
   * recurring revenue read from Stripe with {@code StripeRevenue.snapshot().mrr()}) added to the
   * issued invoices, in that revenue's currency.
   */
  public MarginReport margin(YearMonth month, Money externalRevenue) {
    Objects.requireNonNull(externalRevenue, "externalRevenue");
    Currency currency = externalRevenue.currency();
    List<Invoice> sameCurrency = invoices.forMonth(month).stream()
        .filter(i -> i.total().currency().equals(currency)).toList();
    return MarginCalculator.monthly(month, currency, sameCurrency, externalRevenue,
        costs.between(month.atDay(1), month.atEndOfMonth()));
  }

  /** Returns the price books. */
  public PriceBookRegistry books() {
    return books;
  }

  /** Returns the metering service. */
  public MeteringService metering() {
    return metering;
  }

  /** Returns the quota service (also the registered {@link QuotaGate}). */
  public QuotaService quotas() {
    return quotas;
  }

  /** Returns the pricing calculator. */
  public PricingCalculator pricing() {
    return pricing;
  }

  /** Returns the invoice repository. */
  public InvoiceRepository invoices() {
    return invoices;
  }

  /** Returns the cost ledger. */
  public CostLedger costs() {
    return costs;
  }

  /** Returns the LLM cost meter. */
  public LlmCostMeter llmCosts() {
    return llmCosts;
  }

  private PriceBook book(Subscription subscription) {
    return books.find(subscription.bookId(), subscription.bookVersion()).orElseThrow(() ->
        new IllegalArgumentException("price book " + subscription.bookId() + " v"
            + subscription.bookVersion() + " is not registered"));
  }

  private Map<String, Long> planLimits(TeamId teamId, Instant at) {
    return subscription(teamId).map(s -> s.effectiveLimits(book(s), at)).orElse(Map.of());
  }

  /** Adds the {@link CostCollector}s found by {@link ServiceLoader}; a broken one is skipped. */
  private static void loadCollectors(CostLedger ledger) {
    Iterator<CostCollector> found = ServiceLoader.load(CostCollector.class).iterator();
    for (int attempts = 0; attempts < 1_000; attempts++) {
      try {
        if (!found.hasNext()) {
          return;
        }
        CostCollector collector = found.next();
        ledger.addCollector(collector);
        LOG.info("cost collector {} loaded", collector.getName());
      } catch (ServiceConfigurationError e) {
        LOG.warn("a cost collector could not be loaded; skipped", e);
      }
    }
    LOG.warn("stopped loading cost collectors after 1000 attempts");
  }

  private void retryQuietly() {
    try {
      metering.retryPending();
      quotas.rollOverDue();
    } catch (RuntimeException | Error e) {
      // A periodic task that throws is cancelled for good by its executor: never let one out.
      LOG.warn("periodic billing maintenance failed; retried at the next interval", e);
    }
  }
}
