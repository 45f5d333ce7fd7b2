package dev.obskit.statuspages;

import dev.obskit.core.ObsContext;
import dev.obskit.core.ObsModule;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.usage.BillableAddOn;
import dev.obskit.core.usage.BillableAddOns;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status pages module: pages, reports, maintenance and subscribers ({@link #pages()}),
 * availability read from the kit's {@code AvailabilityView} (obs-uptime registers one), and the
 * billable add-ons offered to obs-billing as {@link BillableAddOns}. Add it with {@code
 * ObsKit.builder().addModule(ctx -> StatusPagesModule.create(ctx, config))}.
 *
 * <p>With the driver enabled (default) a daemon thread calls {@link StatusPages#tick()} every
 * {@code tickInterval}; every {@code AlertEvent} on the kit's bus also triggers one, so automatic
 * reports follow monitors at once. A failing tick is logged and the next one runs. Thread-safe.
 */
public final class StatusPagesModule implements ObsModule {
  private static final Logger log = LoggerFactory.getLogger(StatusPagesModule.class);
  private final StatusPagesConfig config;
  private final StatusPages pages;
  private final Deliveries deliveries;
  private final byte[] sessionSecret;
  private StatusPageRoutes routes;
  private ScheduledExecutorService driver;

  private StatusPagesModule(ObsContext ctx, StatusPagesConfig config) {
    this.config = config;
    this.deliveries = new Deliveries(config.notifiers(), config.deliveryExecutor());
    this.pages = new StatusPages(ctx.clock(), ctx.ids(), config,
        () -> ctx.lookup(AvailabilityView.class),
        ctx.repository(StatusPageRepository.class, StatusPageRepository::inMemory),
        ctx.repository(StatusReportRepository.class, StatusReportRepository::inMemory),
        ctx.repository(MaintenanceRepository.class, MaintenanceRepository::inMemory),
        ctx.repository(SubscriberRepository.class, SubscriberRepository::inMemory),
        deliveries, ctx.keys().getOrCreate("statuspages.link-secret", 32));
    this.sessionSecret = ctx.keys().getOrCreate("statuspages.session-secret", 32);
  }

  /** Creates the module, creating the configured pages that the store does not hold yet. */
  public static StatusPagesModule create(ObsContext ctx, StatusPagesConfig config) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(config, "config");
    StatusPagesModule m = new StatusPagesModule(ctx, config);
    for (StatusPage p : config.pages()) {
      if (m.pages.page(p.id()).isEmpty()) {
        m.pages.createPage(p);
      }
    }
    // React to monitors going down or up at once instead of at the next tick.
    ctx.eventBus().subscribe(AlertEvent.class, e -> m.safeTick(m.pages::tickSoon));
    m.routes = new StatusPageRoutes(m.pages, config, ctx.clock(), m.sessionSecret);
    ctx.routes().add(m.routes.group());
    if (ctx.lookup(BillableAddOns.class).isEmpty()) {
      ctx.register(BillableAddOns.class, m::billableAddOns);
    }
    return m;
  }

  @Override
  public String name() {
    return "statuspages";
  }

  @Override
  public synchronized void start() {
    if (config.driverEnabled() && driver == null) {
      driver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "obs-statuspages-tick");
        t.setDaemon(true);
        return t;
      });
      long every = config.tickInterval().toMillis();
      driver.scheduleWithFixedDelay(() -> safeTick(pages::tick), every, every,
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void shutdown(Duration timeout) {
    if (driver != null) {
      driver.shutdownNow();
      driver = null;
    }
    deliveries.shutdown(timeout.dividedBy(2));
  }

  /** Returns the service. */
  public StatusPages pages() {
    return pages;
  }

  /** Returns the configuration. */
  public StatusPagesConfig config() {
    return config;
  }

  /** Returns the billable add-ons of {@code team}'s pages. */
  public List<BillableAddOn> billableAddOns(TeamId team) {
    Objects.requireNonNull(team, "team");
    return AddOns.of(pages.pages().stream().filter(p -> p.teamId().equals(team)).toList());
  }

  /** Returns the billable add-ons of one page, as if it were its team's only page. */
  public List<BillableAddOn> billableAddOns(StatusPageId page) {
    return AddOns.of(List.of(pages.requirePage(page)));
  }

  StatusPageRoutes routes() {
    return routes;
  }

  private void safeTick(Runnable tick) {
    try {
      tick.run();
    } catch (RuntimeException | LinkageError e) {
      log.warn("status pages tick failed; the next one runs as planned", e);
    }
  }
}
