package dev.obskit.statuspages;

import dev.obskit.core.availability.AvailabilityView;
import dev.obskit.core.availability.MonitorStatus;
import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Link;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The status pages service: pages and their resources, status reports, maintenance, subscribers,
 * and the computed {@link PageSnapshot} every rendering starts from. Time comes from the kit clock;
 * {@link #tick()} moves maintenance windows and opens or resolves automatic reports. Thread-safe;
 * writes to one report or window are serialised by optimistic versions (a lost race throws {@code
 * StaleVersionException}). Notifications are sent off the caller's thread.
 */
public final class StatusPages {
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final IdGenerator ids;
  private final StatusPagesConfig config;
  private final Supplier<Optional<AvailabilityView>> view;
  private final StatusPageRepository pages;
  private final StatusReportRepository reports;
  private final MaintenanceRepository maintenance;
  private final SubscriberRepository subscribers;
  private final Deliveries deliveries;
  private final byte[] linkSecret;
  private final Bars bars;
  private final AtomicLong generation = new AtomicLong();
  private final ConcurrentHashMap<String, Instant> downSince = new ConcurrentHashMap<>();
  private final ReentrantLock tickLock = new ReentrantLock();
  private final AtomicBoolean tickAgain = new AtomicBoolean();

  StatusPages(Clock clock, IdGenerator ids, StatusPagesConfig config,
      Supplier<Optional<AvailabilityView>> view, StatusPageRepository pages,
      StatusReportRepository reports, MaintenanceRepository maintenance,
      SubscriberRepository subscribers, Deliveries deliveries, byte[] linkSecret) {
    this.clock = clock;
    this.ids = ids;
    this.config = config;
    this.view = view;
    this.pages = pages;
    this.reports = reports;
    this.maintenance = maintenance;
    this.subscribers = subscribers;
    this.deliveries = deliveries;
    this.linkSecret = linkSecret.clone();
    this.bars = new Bars(config.partialWeight(), config.degradedWeight());
  }

  // ---------------------------------------------------------------- pages

  /** Creates a page (at version 1). */
  public StatusPage createPage(StatusPage page) {
    StatusPage saved = pages.insert(Objects.requireNonNull(page, "page"));
    changed();
    return saved;
  }

  /** Changes a page: {@code change} edits a builder holding the current page. */
  public StatusPage updatePage(StatusPageId id, UnaryOperator<StatusPage.Builder> change) {
    StatusPage current = requirePage(id);
    StatusPage next = change.apply(current.toBuilder()).build().withVersion(current.version() + 1);
    StatusPage saved = pages.update(next);
    changed();
    return saved;
  }

  /** Returns the page {@code id}. */
  public Optional<StatusPage> page(StatusPageId id) {
    return pages.find(Objects.requireNonNull(id, "id"));
  }

  /** Returns every page. */
  public List<StatusPage> pages() {
    return pages.list();
  }

  /** Sets the status of a hand-driven resource. */
  public StatusPage setManualStatus(StatusPageId pageId, ResourceId resource,
      ComponentStatus status) {
    Objects.requireNonNull(status, "status");
    StatusPage page = requirePage(pageId);
    Resource r = page.resource(resource).orElseThrow(() ->
        new IllegalArgumentException("page " + pageId + " has no resource " + resource));
    if (r.kind() != ResourceKind.MANUAL) {
      throw new IllegalArgumentException("resource " + resource + " is a " + r.kind()
          + "; only MANUAL resources take a status by hand");
    }
    return updatePage(pageId, b -> b.setSections(page.sections().stream()
        .map(s -> new Section(s.name(), s.resources().stream()
            .map(x -> x.id().equals(resource) ? x.withManualStatus(status) : x).toList()))
        .toList()));
  }

  // ---------------------------------------------------------------- snapshot

  /** Computes what page {@code id} shows now. */
  public PageSnapshot snapshot(StatusPageId id) {
    StatusPage page = requirePage(id);
    Instant now = clock.instant();
    Optional<AvailabilityView> v = view.get();
    List<StatusReport> all = reports.listByPage(id);
    List<MaintenanceWindow> windows = maintenance.listByPage(id);
    List<StatusReport> open = new ArrayList<>();
    List<StatusReport> past = new ArrayList<>();
    Instant horizon = now.minus(Duration.ofDays(page.historyDays()));
    for (StatusReport r : all) {
      if (!r.published()) {
        continue;
      }
      if (!r.resolved()) {
        open.add(r);
      } else if (r.resolvedAt().orElseThrow().isAfter(horizon) && !tooShort(page, r)) {
        past.add(r);
      }
    }
    List<PageSnapshot.SectionView> sections = new ArrayList<>();
    ComponentStatus overall = ComponentStatus.OPERATIONAL;
    for (Section s : page.sections()) {
      List<ResourceView> views = new ArrayList<>();
      for (Resource r : s.resources()) {
        ResourceView rv = resourceView(page, r, v, all, windows, open, now);
        overall = overall.worse(rv.status());
        views.add(rv);
      }
      sections.add(new PageSnapshot.SectionView(s.name(), views));
    }
    List<MaintenanceWindow> upcoming = windows.stream()
        .filter(w -> w.status() == MaintenanceStatus.SCHEDULED
            || w.status() == MaintenanceStatus.IN_PROGRESS).toList();
    return new PageSnapshot(page, now, overall, sections, open, past, upcoming);
  }

  /** Returns a counter that changes whenever anything shown may have changed. */
  public long generation() {
    return generation.get();
  }

  private ResourceView resourceView(StatusPage page, Resource r, Optional<AvailabilityView> v,
      List<StatusReport> all, List<MaintenanceWindow> windows, List<StatusReport> open,
      Instant now) {
    ComponentStatus status = switch (r.kind()) {
      case MANUAL -> r.manualStatus();
      case MONITOR, HEARTBEAT -> v.flatMap(x -> x.status(r.monitor().orElseThrow()))
          .map(StatusPages::fromMonitor).orElse(ComponentStatus.OPERATIONAL);
    };
    for (StatusReport rep : open) {
      ComponentStatus s = rep.affected().get(r.id());
      if (s != null) {
        status = status.worse(s);
      }
    }
    List<Bars.Interval> maint = new ArrayList<>();
    for (MaintenanceWindow w : windows) {
      if (!w.resources().contains(r.id()) || w.status() == MaintenanceStatus.CANCELLED
          || w.status() == MaintenanceStatus.SCHEDULED) {
        continue;
      }
      if (w.status() == MaintenanceStatus.IN_PROGRESS) {
        status = status.worse(ComponentStatus.UNDER_MAINTENANCE);
      }
      Instant end = w.endsAt().isBefore(now) ? w.endsAt() : now;
      maint.add(new Bars.Interval(w.startsAt(), end, ComponentStatus.UNDER_MAINTENANCE));
    }
    List<DayBar> days = bars.compute(page, r, v, intervals(all, r.id(), now), maint, now);
    return new ResourceView(r, status, days, bars.total(days));
  }

  private static List<Bars.Interval> intervals(List<StatusReport> all, ResourceId id,
      Instant now) {
    List<Bars.Interval> out = new ArrayList<>();
    for (StatusReport rep : all) {
      if (!rep.published()) {
        continue;
      }
      List<ReportUpdate> u = rep.updates();
      for (int i = 0; i < u.size(); i++) {
        ComponentStatus s = u.get(i).affected().get(id);
        if (s == null || s == ComponentStatus.OPERATIONAL
            || u.get(i).status() == ReportStatus.RESOLVED) {
          continue;
        }
        Instant end = i + 1 < u.size() ? u.get(i + 1).at() : now;
        if (end.isAfter(u.get(i).at())) {
          out.add(new Bars.Interval(u.get(i).at(), end, s));
        }
      }
    }
    return out;
  }

  private static boolean tooShort(StatusPage page, StatusReport r) {
    return r.automatic() && Duration.between(r.createdAt(), r.resolvedAt().orElseThrow())
        .compareTo(page.minIncidentLength()) < 0;
  }

  private static ComponentStatus fromMonitor(MonitorStatus s) {
    return switch (s) {
      case DOWN -> ComponentStatus.MAJOR_OUTAGE;
      case MAINTENANCE -> ComponentStatus.UNDER_MAINTENANCE;
      case UP, PENDING, PAUSED -> ComponentStatus.OPERATIONAL;
    };
  }

  // ---------------------------------------------------------------- reports

  /**
   * Opens a status report.
   *
   * @param publish whether visitors and subscribers see it now (else a draft to {@link #publish})
   */
  public StatusReport openReport(StatusPageId pageId, String title, ReportStatus status,
      String body, Map<ResourceId, ComponentStatus> affected, Optional<IncidentId> incident,
      boolean publish) {
    return openReport(pageId, title, status, body, affected, incident, publish, false);
  }

  private StatusReport openReport(StatusPageId pageId, String title, ReportStatus status,
      String body, Map<ResourceId, ComponentStatus> affected, Optional<IncidentId> incident,
      boolean publish, boolean automatic) {
    StatusPage page = requirePage(pageId);
    checkAffected(page, affected);
    Instant now = clock.instant();
    ReportUpdate first = new ReportUpdate(ids.next(), status, body, now, affected);
    StatusReport r = reports.insert(new StatusReport(ReportId.of(ids.next()), page.teamId(), 1,
        pageId, title, List.of(first), incident, publish, automatic, now));
    changed();
    if (publish) {
      notifyReport(page, r);
    }
    return r;
  }

  /** Posts an update; status may only move forward, and nothing follows RESOLVED. */
  public StatusReport postUpdate(ReportId id, ReportStatus status, String body,
      Map<ResourceId, ComponentStatus> affected) {
    StatusReport r = requireReport(id);
    if (r.resolved()) {
      throw new IllegalStateException("report " + id + " is resolved; open a new one");
    }
    if (status.compareTo(r.status()) < 0) {
      throw new IllegalArgumentException("report " + id + " cannot go back from " + r.status()
          + " to " + status);
    }
    StatusPage page = requirePage(r.pageId());
    checkAffected(page, affected);
    StatusReport next = reports.update(r.withUpdate(
        new ReportUpdate(ids.next(), status, body, clock.instant(), affected)));
    changed();
    if (next.published()) {
      notifyReport(page, next);
    }
    return next;
  }

  /** Publishes a draft and notifies subscribers. */
  public StatusReport publish(ReportId id) {
    StatusReport r = requireReport(id);
    if (r.published()) {
      return r;
    }
    StatusReport next = reports.update(r.next(r.updates(), r.title(), true));
    changed();
    notifyReport(requirePage(r.pageId()), next);
    return next;
  }

  /** Links a report to the internal incident it is the public face of. */
  public StatusReport linkIncident(ReportId id, IncidentId incident) {
    Objects.requireNonNull(incident, "incident");
    StatusReport r = requireReport(id);
    StatusReport next = reports.update(new StatusReport(r.id(), r.teamId(), r.version() + 1,
        r.pageId(), r.title(), r.updates(), Optional.of(incident), r.published(), r.automatic(),
        r.createdAt()));
    changed();
    return next;
  }

  /** Corrects a report's title without notifying anyone. */
  public StatusReport editTitle(ReportId id, String title) {
    StatusReport r = requireReport(id);
    StatusReport next = reports.update(r.next(r.updates(), title, r.published()));
    changed();
    return next;
  }

  /** Corrects the text of one update without notifying anyone. */
  public StatusReport editUpdate(ReportId id, String updateId, String body) {
    StatusReport r = requireReport(id);
    boolean found = false;
    List<ReportUpdate> u = new ArrayList<>();
    for (ReportUpdate x : r.updates()) {
      if (x.id().equals(updateId)) {
        found = true;
        u.add(new ReportUpdate(x.id(), x.status(), body, x.at(), x.affected()));
      } else {
        u.add(x);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("report " + id + " has no update " + updateId);
    }
    StatusReport next = reports.update(r.next(u, r.title(), r.published()));
    changed();
    return next;
  }

  /** Returns the report {@code id}. */
  public Optional<StatusReport> report(ReportId id) {
    return reports.find(id);
  }

  /** Returns a page's reports (drafts included), newest first. */
  public List<StatusReport> reports(StatusPageId pageId) {
    return reports.listByPage(pageId);
  }

  private void checkAffected(StatusPage page, Map<ResourceId, ComponentStatus> affected) {
    for (ResourceId r : affected.keySet()) {
      if (page.resource(r).isEmpty()) {
        throw new IllegalArgumentException("page " + page.id() + " has no resource " + r);
      }
    }
  }

  // ---------------------------------------------------------------- maintenance

  /** Schedules maintenance of {@code resources} over [startsAt, endsAt). */
  public MaintenanceWindow scheduleMaintenance(StatusPageId pageId, String title, String body,
      Instant startsAt, Instant endsAt, Set<ResourceId> resources, Duration remindBefore) {
    StatusPage page = requirePage(pageId);
    for (ResourceId r : resources) {
      if (page.resource(r).isEmpty()) {
        throw new IllegalArgumentException("page " + pageId + " has no resource " + r);
      }
    }
    MaintenanceWindow w = maintenance.insert(new MaintenanceWindow(MaintenanceId.of(ids.next()),
        page.teamId(), 1, pageId, title, body, startsAt, endsAt, resources, remindBefore,
        MaintenanceStatus.SCHEDULED, false));
    changed();
    notifyMaintenance(page, w, "maintenance.scheduled");
    tick();
    return maintenance.find(w.id()).orElse(w);
  }

  /** Cancels a window that has not completed. */
  public MaintenanceWindow cancelMaintenance(MaintenanceId id) {
    MaintenanceWindow w = maintenance.find(id).orElseThrow(() ->
        new IllegalArgumentException("no maintenance window " + id));
    if (w.status() == MaintenanceStatus.COMPLETED || w.status() == MaintenanceStatus.CANCELLED) {
      return w;
    }
    MaintenanceWindow next = maintenance.update(w.with(MaintenanceStatus.CANCELLED, w.reminded()));
    changed();
    return next;
  }

  /** Returns a page's maintenance windows by start. */
  public List<MaintenanceWindow> maintenance(StatusPageId pageId) {
    return maintenance.listByPage(pageId);
  }

  /**
   * Moves maintenance windows on the kit clock (reminder, start, completion, each notified once)
   * and opens or resolves automatic reports. Called by the module's driver; hosts on a simulated
   * clock call it after advancing time. Never throws for one bad page: it is skipped and logged.
   */
  public void tick() {
    tickLock.lock();
    try {
      tickNow();
    } finally {
      tickLock.unlock();
    }
  }

  /**
   * Ticks unless a tick is running, in which case that tick runs once more when it ends. Never
   * waits: the kit's event bus calls this on the publisher's thread, which may hold the locks of
   * the module that raised the alert.
   */
  void tickSoon() {
    tickAgain.set(true);
    while (tickAgain.get() && tickLock.tryLock()) {
      try {
        tickAgain.set(false);
        tickNow();
      } finally {
        tickLock.unlock();
      }
    }
  }

  private void tickNow() {
    Instant now = clock.instant();
    for (MaintenanceWindow w : maintenance.listOpen()) {
      page(w.pageId()).ifPresent(p -> advance(p, w, now));
    }
    Optional<AvailabilityView> v = view.get();
    if (v.isPresent()) {
      for (StatusPage p : pages.list()) {
        if (p.automaticReports() != StatusPage.AutomaticReports.OFF) {
          automatic(p, v.get(), now);
        }
      }
    }
  }

  private void advance(StatusPage page, MaintenanceWindow w, Instant now) {
    MaintenanceWindow cur = w;
    if (cur.status() == MaintenanceStatus.SCHEDULED && !cur.reminded()
        && cur.remindBefore().compareTo(Duration.ZERO) > 0
        && !now.isBefore(cur.startsAt().minus(cur.remindBefore())) && now.isBefore(cur.startsAt())) {
      cur = maintenance.update(cur.with(MaintenanceStatus.SCHEDULED, true));
      notifyMaintenance(page, cur, "maintenance.reminder");
    }
    if (cur.status() == MaintenanceStatus.SCHEDULED && !now.isBefore(cur.startsAt())
        && now.isBefore(cur.endsAt())) {
      cur = maintenance.update(cur.with(MaintenanceStatus.IN_PROGRESS, cur.reminded()));
      notifyMaintenance(page, cur, "maintenance.started");
      changed();
    }
    if (!now.isBefore(cur.endsAt())) {
      cur = maintenance.update(cur.with(MaintenanceStatus.COMPLETED, cur.reminded()));
      notifyMaintenance(page, cur, "maintenance.completed");
      changed();
    }
  }

  private void automatic(StatusPage page, AvailabilityView v, Instant now) {
    for (Resource r : page.resources()) {
      if (r.monitor().isEmpty()) {
        continue;
      }
      String key = page.id() + "/" + r.id();
      boolean down = v.status(r.monitor().get()).orElse(MonitorStatus.UP) == MonitorStatus.DOWN;
      Optional<StatusReport> open = reports.listByPage(page.id()).stream()
          .filter(x -> x.automatic() && !x.resolved() && x.affected().containsKey(r.id()))
          .findFirst();
      if (down) {
        Instant since = downSince.computeIfAbsent(key, k -> now);
        if (open.isEmpty() && Duration.between(since, now).compareTo(page.minIncidentLength()) >= 0) {
          Messages m = Messages.of(page.options().locale().orElse(java.util.Locale.ENGLISH));
          openReport(page.id(), m.format("auto.down.title", r.name()), ReportStatus.INVESTIGATING,
              m.format("auto.down.body", r.name()), Map.of(r.id(), ComponentStatus.MAJOR_OUTAGE),
              Optional.empty(), page.automaticReports() == StatusPage.AutomaticReports.PUBLISH,
              true);
        }
      } else {
        downSince.remove(key);
        if (open.isPresent()) {
          Messages m = Messages.of(page.options().locale().orElse(java.util.Locale.ENGLISH));
          postUpdate(open.get().id(), ReportStatus.RESOLVED, m.format("auto.up.body", r.name()),
              Map.of(r.id(), ComponentStatus.OPERATIONAL));
        }
      }
    }
  }

  // ---------------------------------------------------------------- subscribers

  /**
   * Asks to subscribe {@code address} on {@code channel} to a page (or some of its resources) and
   * sends it a verification link that expires after the configured time. An address already
   * subscribed gets the same answer as a new one (so the page does not reveal who subscribed);
   * a pending one gets a fresh link. Serialised, so concurrent requests cannot overrun the quota.
   */
  public synchronized SubscribeResult subscribe(StatusPageId pageId, ChannelKind channel,
      String address, Set<ResourceId> resources, boolean incidents, boolean maintenanceNews) {
    Optional<StatusPage> found = pages.find(pageId);
    if (found.isEmpty() || !found.get().subscribable()) {
      return new SubscribeResult(SubscribeResult.Outcome.NOT_SUBSCRIBABLE,
          "This page does not take subscriptions.");
    }
    StatusPage page = found.get();
    String problem = addressProblem(channel, address);
    if (problem == null) {
      for (ResourceId r : resources) {
        if (page.resource(r).isEmpty()) {
          problem = "This page has no component '" + r + "'.";
        }
      }
    }
    if (problem == null && !incidents && !maintenanceNews) {
      problem = "Choose incidents, maintenance, or both.";
    }
    if (problem != null) {
      return new SubscribeResult(SubscribeResult.Outcome.INVALID, problem);
    }
    String addr = address.trim();
    String ok = "Check your messages: we sent a link to confirm the subscription.";
    Optional<Subscriber> existing = subscribers.findByAddress(pageId, channel, addr);
    if (existing.isPresent() && existing.get().confirmed()) {
      return new SubscribeResult(SubscribeResult.Outcome.PENDING_CONFIRMATION, ok);
    }
    if (existing.isEmpty() && subscribers.countByPage(pageId) >= page.subscriberLimit()) {
      return new SubscribeResult(SubscribeResult.Outcome.QUOTA_EXCEEDED, String.format(
          java.util.Locale.ROOT, "This page has reached its limit of %,d subscribers; no new"
              + " subscriptions are accepted until its owner raises the limit.",
          page.subscriberLimit()));
    }
    String token = randomToken();
    Instant now = clock.instant();
    Instant expires = now.plus(config.verificationTtl());
    Subscriber s;
    if (existing.isPresent()) {
      Subscriber e = existing.get();
      s = subscribers.update(new Subscriber(e.id(), e.teamId(), e.version() + 1, pageId, channel,
          e.address(), resources, incidents, maintenanceNews, false, sha256(token), expires,
          e.createdAt()));
    } else {
      s = subscribers.insert(new Subscriber(SubscriberId.of(ids.next()), page.teamId(), 1, pageId,
          channel, addr, resources, incidents, maintenanceNews, false, sha256(token), expires,
          now));
    }
    Messages m = Messages.of(page.options().locale().orElse(java.util.Locale.ENGLISH));
    String confirm = link(page, "subscriptions/confirm?token=" + token);
    deliveries.send(page.teamId(), ids.next(), channel, s.address(), "subscriber " + s.id(),
        m.format("subscribe.title", page.name()),
        m.format("subscribe.body", page.name(), confirm) + "\n\n"
            + m.format("unsubscribe.line", unsubscribeLink(page, s)),
        List.of(new Link(m.get("subscribe.confirm"), confirm),
            new Link(m.get("unsubscribe"), unsubscribeLink(page, s))));
    return new SubscribeResult(SubscribeResult.Outcome.PENDING_CONFIRMATION, ok);
  }

  /** Confirms the subscription whose verification token is {@code token}. */
  public ConfirmResult confirm(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return ConfirmResult.UNKNOWN;
    }
    Optional<Subscriber> s = subscribers.findByTokenHash(sha256(token));
    if (s.isEmpty() || s.get().confirmed()) {
      return ConfirmResult.UNKNOWN;
    }
    if (!clock.instant().isBefore(s.get().tokenExpiresAt())) {
      return ConfirmResult.EXPIRED;
    }
    subscribers.update(s.get().confirmedNow());
    return ConfirmResult.CONFIRMED;
  }

  /** Removes the subscriber named by an unsubscribe token; returns whether one was removed. */
  public boolean unsubscribe(String token) {
    Optional<SubscriberId> id = verifyUnsubscribe(token);
    return id.isPresent() && subscribers.delete(id.get());
  }

  /** Returns a page's subscribers (pending and confirmed), oldest first. */
  public List<Subscriber> subscribers(StatusPageId pageId) {
    return subscribers.listByPage(pageId);
  }

  /** Returns the unsubscribe link sent in every message to {@code s}. */
  public String unsubscribeLink(StatusPage page, Subscriber s) {
    return link(page, "subscriptions/unsubscribe?token=" + s.id().value() + "."
        + hmac(s.id().value()));
  }

  Optional<SubscriberId> verifyUnsubscribe(String token) {
    if (token == null || token.length() > 300) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String id = token.substring(0, dot);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = hmac(id).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected) || !dev.obskit.core.id.IdFormat.isValid(id)) {
      return Optional.empty();
    }
    return Optional.of(SubscriberId.of(id));
  }

  private static String addressProblem(ChannelKind channel, String address) {
    if (address == null || address.isBlank() || address.length() > 2048) {
      return "Enter an address.";
    }
    String a = address.trim();
    return switch (channel) {
      case EMAIL -> a.length() <= 254 && EMAIL.matcher(a).matches() ? null
          : "That is not an e-mail address.";
      case SMS -> PHONE.matcher(a).matches() ? null
          : "Enter the phone number in international form, e.g. +33612345678.";
      case WEBHOOK -> a.matches("https?://[^\\s<>\"]+") ? null
          : "The webhook must be an http(s) URL.";
      default -> "Subscriptions by " + channel + " are not offered.";
    };
  }

  // ---------------------------------------------------------------- notifications

  private void notifyReport(StatusPage page, StatusReport r) {
    Messages m = Messages.of(page.options().locale().orElse(java.util.Locale.ENGLISH));
    ReportUpdate u = r.latest();
    String title = "[" + page.name() + "] " + r.title() + " - "
        + m.get("report.status." + u.status().wireName());
    String body = u.body();
    fanOut(page, r.affected().keySet(), true, title, body);
  }

  private void notifyMaintenance(StatusPage page, MaintenanceWindow w, String key) {
    Messages m = Messages.of(page.options().locale().orElse(java.util.Locale.ENGLISH));
    String title = "[" + page.name() + "] " + m.format(key, w.title());
    String body = w.body() + "\n\n" + m.format("maintenance.window", w.startsAt(), w.endsAt());
    fanOut(page, w.resources(), false, title, body);
  }

  private void fanOut(StatusPage page, Set<ResourceId> affected, boolean incident, String title,
      String body) {
    Messages m = Messages.of(page.options().locale().orElse(java.util.Locale.ENGLISH));
    for (Subscriber s : subscribers.listByPage(page.id())) {
      if (!s.confirmed() || !(incident ? s.incidents() : s.maintenance())
          || !s.interestedIn(affected)) {
        continue;
      }
      String unsubscribe = unsubscribeLink(page, s);
      deliveries.send(page.teamId(), ids.next(), s.channel(), s.address(), "subscriber " + s.id(),
          title, body + "\n\n" + m.get("view.page") + ": " + link(page, "") + "\n"
              + m.format("unsubscribe.line", unsubscribe),
          List.of(new Link(m.get("view.page"), link(page, "")),
              new Link(m.get("unsubscribe"), unsubscribe)));
    }
  }

  /**
   * Returns a link to {@code relative} under the page for messages: absolute when the page has a
   * public URL or the config a public base URL, else a path.
   */
  String link(StatusPage page, String relative) {
    return link(page, relative, config.publicBaseUrl());
  }

  /** Returns a link under the page, served below {@code mount} (a URL or path prefix, or ""). */
  String link(StatusPage page, String relative, String mount) {
    String base = page.options().publicUrl().map(Object::toString)
        .orElse(mount + config.basePath() + "/" + page.id().value() + "/");
    return base + relative;
  }

  // ---------------------------------------------------------------- helpers

  StatusPage requirePage(StatusPageId id) {
    return pages.find(Objects.requireNonNull(id, "id")).orElseThrow(() ->
        new IllegalArgumentException("no status page " + id));
  }

  private StatusReport requireReport(ReportId id) {
    return reports.find(Objects.requireNonNull(id, "id")).orElseThrow(() ->
        new IllegalArgumentException("no status report " + id));
  }

  private void changed() {
    generation.incrementAndGet();
  }

  private static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private String hmac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(linkSecret, "HmacSHA256"));
      byte[] sig = mac.doFinal(("unsubscribe:" + value).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          java.util.Arrays.copyOf(sig, 18));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
