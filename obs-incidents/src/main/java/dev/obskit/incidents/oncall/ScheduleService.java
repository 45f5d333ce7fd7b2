package dev.obskit.incidents.oncall;

import dev.obskit.core.id.IdGenerator;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.store.StaleVersionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-call schedules: stores them, applies overrides and cover requests, computes final schedules
 * and answers {@link #whoIsOnCall} from a cache. Thread-safe. All methods are non-blocking apart
 * from the repository; every edit goes through optimistic versioning and invalidates the cache.
 *
 * <p>Typical use:
 * <pre>{@code
 * ScheduleService schedules = ScheduleService.builder().setClock(ctx.clock()).build();
 * schedules.create(Schedule.builder(team, ScheduleId.of("primary"))
 *     .addLayer("[L1] Weekly", 1, Rotation.builder()
 *         .addUsers(UserId.of("alice"), UserId.of("bob"))
 *         .setZone("Europe/Paris")
 *         .setStart(LocalDate.of(2026, 3, 2), LocalTime.of(9, 0))
 *         .setFrequency(Frequency.WEEKLY)
 *         .build())
 *     .build());
 * List<UserId> now = schedules.whoIsOnCall(team, ScheduleId.of("primary"), clock.instant());
 * }</pre>
 */
public final class ScheduleService implements OnCallDirectory {
  /** Longest window {@link #finalSchedule} computes in one call. */
  public static final java.time.Duration MAX_WINDOW = java.time.Duration.ofDays(3 * 366);
  private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);
  private static final int MAX_ATTEMPTS = 32;

  private final Clock clock;
  private final ScheduleRepository repository;
  private final IdGenerator ids;
  private final OnCallConfig config;
  private final OnCallCache cache = new OnCallCache();

  private ScheduleService(Builder b) {
    this.clock = b.clock;
    this.repository = b.repository;
    this.ids = b.ids == null ? IdGenerator.timeOrdered(b.clock) : b.ids;
    this.config = b.config;
  }

  /** Returns a builder: system UTC clock, in-memory repository, default config. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- schedules

  /** Stores a new schedule (version 1). */
  public Schedule create(Schedule schedule) {
    Schedule stored = repository.insert(schedule);
    cache.invalidate(stored.teamId(), stored.id());
    return stored;
  }

  /**
   * Stores {@code edited}, which must carry the version it was read at; returns it at the next
   * version. Throws {@link StaleVersionException} if someone else changed it meanwhile.
   */
  public Schedule update(Schedule edited) {
    Schedule stored = repository.update(edited.withVersion(edited.version() + 1));
    cache.invalidate(stored.teamId(), stored.id());
    return stored;
  }

  /** Returns the team's schedule. */
  public Optional<Schedule> find(TeamId team, ScheduleId id) {
    return repository.find(team, id);
  }

  /** Returns the team's schedule or throws {@link ScheduleNotFoundException}. */
  public Schedule get(TeamId team, ScheduleId id) {
    return repository.find(team, id).orElseThrow(() -> new ScheduleNotFoundException(team, id));
  }

  /** Deletes the schedule; returns whether it existed. */
  public boolean delete(TeamId team, ScheduleId id) {
    boolean deleted = repository.delete(team, id);
    cache.invalidate(team, id);
    return deleted;
  }

  /** Returns one page of the team's schedules, ordered by id. */
  public Page<Schedule> list(TeamId team, PageRequest page) {
    return repository.list(team, page);
  }

  /**
   * Changes the rotation of layer {@code layerName} from now on, keeping the past as it was
   * (Grafana OnCall's linked shift): the current rotation is kept as an archived layer ending now,
   * named {@code "<name> (until <instant>)"}, and {@code next} takes effect now under the original
   * name and priority. A rotation that has not started yet is simply replaced.
   */
  public Schedule changeRotation(TeamId team, ScheduleId id, String layerName, Rotation next) {
    Objects.requireNonNull(layerName, "layerName");
    Objects.requireNonNull(next, "next");
    return mutate(team, id, s -> {
      Instant now = clock.instant();
      Schedule.Builder b = s.toBuilder().clearLayers();
      boolean found = false;
      for (Layer layer : s.layers()) {
        if (!layer.name().equals(layerName)) {
          b.addLayer(layer);
          continue;
        }
        found = true;
        Rotation old = layer.rotation();
        java.time.LocalDateTime oldNow = java.time.LocalDateTime.ofInstant(now, old.zone());
        if (old.start().isBefore(oldNow)
            && old.until().map(oldNow::isBefore).orElse(true)) {
          b.addLayer(archivedName(layerName, now), layer.priority(),
              old.toBuilder().setUntil(oldNow).build());
        }
        java.time.LocalDateTime nextNow = java.time.LocalDateTime.ofInstant(now, next.zone());
        Rotation effective = next.start().isBefore(nextNow)
            && next.activeFrom().map(nextNow::isAfter).orElse(true)
            ? next.toBuilder().setActiveFrom(nextNow).build() : next;
        b.addLayer(layerName, layer.priority(), effective);
      }
      if (!found) {
        throw new IllegalArgumentException("schedule " + id + " has no layer \"" + layerName + "\"");
      }
      return b.build();
    });
  }

  private static String archivedName(String name, Instant now) {
    String suffix = " (until " + now + ")";
    int keep = Math.min(name.length(), Layer.MAX_NAME_LENGTH - suffix.length());
    return name.substring(0, keep) + suffix;
  }

  // ---------------------------------------------------------------- overrides

  /** Adds an override putting {@code users} on call for {@code [start, end)}; it beats layers. */
  public ScheduleOverride addOverride(TeamId team, ScheduleId id, Instant start, Instant end,
      UserId... users) {
    ScheduleOverride override = new ScheduleOverride(OverrideId.of(ids.next()), start, end,
        List.of(users), ScheduleOverride.MANUAL);
    mutate(team, id, s -> s.toBuilder().addOverride(override).build());
    return override;
  }

  /** Removes an override; returns whether it existed. */
  public boolean removeOverride(TeamId team, ScheduleId id, OverrideId overrideId) {
    Objects.requireNonNull(overrideId, "overrideId");
    if (get(team, id).overrides().stream().noneMatch(o -> o.id().equals(overrideId))) {
      return false; // nothing to change: no version bump, no cache invalidation
    }
    boolean[] found = new boolean[1];
    mutate(team, id, s -> {
      found[0] = s.overrides().stream().anyMatch(o -> o.id().equals(overrideId));
      return s.toBuilder().retainOverrides(o -> !o.id().equals(overrideId)).build();
    });
    return found[0];
  }

  /**
   * Replaces every override whose {@link ScheduleOverride#source()} is {@code source} with
   * {@code overrides} (which must all carry that source): re-importing a feed is idempotent and
   * events removed from the feed disappear. Returns the stored schedule.
   */
  public Schedule replaceOverrides(TeamId team, ScheduleId id, String source,
      List<ScheduleOverride> overrides) {
    Objects.requireNonNull(source, "source");
    for (ScheduleOverride o : overrides) {
      if (!o.source().equals(source)) {
        throw new IllegalArgumentException("override " + o.id() + " has source \"" + o.source()
            + "\", expected \"" + source + "\"");
      }
    }
    return mutate(team, id, s -> {
      Schedule.Builder b = s.toBuilder().retainOverrides(o -> !o.source().equals(source));
      overrides.forEach(b::addOverride);
      return b.build();
    });
  }

  /** Returns a fresh override id from this service's generator (for importers). */
  public OverrideId newOverrideId() {
    return OverrideId.of(ids.next());
  }

  // ---------------------------------------------------------------- cover requests

  /** Asks anyone in the team to cover {@code requester} for {@code [start, end)}. */
  public CoverRequest requestCover(TeamId team, ScheduleId id, UserId requester, Instant start,
      Instant end, String description) {
    return requestCover(team, id, requester, start, end, description, Optional.empty());
  }

  /**
   * Asks {@code askedUser} (or anyone, if empty) to cover {@code requester} for
   * {@code [start, end)}. The window must start in the future and the requester must be on call
   * in it, else {@link IllegalArgumentException} naming the problem.
   */
  public CoverRequest requestCover(TeamId team, ScheduleId id, UserId requester, Instant start,
      Instant end, String description, Optional<UserId> askedUser) {
    Instant now = clock.instant();
    CoverRequest request = CoverRequest.pending(CoverRequestId.of(ids.next()), requester, start,
        end, description, askedUser, now);
    if (!start.isAfter(now)) {
      throw new IllegalArgumentException(
          "cover window must start in the future (now " + now + "), got " + start);
    }
    mutate(team, id, s -> {
      if (FinalScheduleCalculator.compute(s, start, end).shiftsOf(requester).isEmpty()) {
        throw new IllegalArgumentException(requester + " is not on call in schedule " + id
            + " between " + start + " and " + end + ", so there is nothing to cover");
      }
      return s.toBuilder().addCoverRequest(request).build();
    });
    return request;
  }

  /** Accepts the request as {@code by}; the final schedule then puts {@code by} in. */
  public CoverRequest acceptCover(TeamId team, ScheduleId id, CoverRequestId requestId, UserId by) {
    return transition(team, id, requestId, r -> r.accept(by, clock.instant()));
  }

  /** Rejects a request addressed to {@code by}. */
  public CoverRequest rejectCover(TeamId team, ScheduleId id, CoverRequestId requestId, UserId by) {
    return transition(team, id, requestId, r -> r.reject(by, clock.instant()));
  }

  /** Withdraws (deletes) a pending request; only its requester may. Returns whether it existed. */
  public boolean withdrawCover(TeamId team, ScheduleId id, CoverRequestId requestId, UserId by) {
    Objects.requireNonNull(by, "by");
    if (findCover(get(team, id), requestId).isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    mutate(team, id, s -> {
      Optional<CoverRequest> r = findCover(s, requestId);
      found[0] = r.isPresent();
      if (r.isPresent() && !r.get().requester().equals(by)) {
        throw new CoverRequestException(by + " cannot withdraw cover request " + requestId
            + " of " + r.get().requester());
      }
      if (r.isPresent() && r.get().stateAt(clock.instant()).isFinal()) {
        throw new CoverRequestException("cannot withdraw cover request " + requestId + ": it is "
            + r.get().stateAt(clock.instant()));
      }
      return s.toBuilder().retainCoverRequests(c -> !c.id().equals(requestId)).build();
    });
    return found[0];
  }

  /** Returns the request as of now (a past-due pending request reads as EXPIRED). */
  public Optional<CoverRequest> coverRequest(TeamId team, ScheduleId id, CoverRequestId requestId) {
    Instant now = clock.instant();
    return findCover(get(team, id), requestId).map(r -> r.settledAt(now));
  }

  /** Returns all of the schedule's cover requests as of now, in the order they were asked. */
  public List<CoverRequest> coverRequests(TeamId team, ScheduleId id) {
    Instant now = clock.instant();
    return get(team, id).coverRequests().stream().map(r -> r.settledAt(now)).toList();
  }

  /**
   * Returns the reminders for pending cover requests of the schedule falling due in
   * {@code (after, now]}, at {@link CoverReminder#DEFAULT_OFFSETS} before each request starts.
   * Call it on every tick with the previous tick's instant to send each reminder once; requests
   * that were accepted, rejected, withdrawn or have expired get none.
   */
  public List<CoverReminder> coverRemindersDue(TeamId team, ScheduleId id, Instant after) {
    Objects.requireNonNull(after, "after");
    return CoverReminder.due(get(team, id).coverRequests(), CoverReminder.DEFAULT_OFFSETS, after,
        clock.instant());
  }

  /** Stores EXPIRED on every past-due pending request; returns how many expired. */
  public int expireCoverRequests(TeamId team, ScheduleId id) {
    Instant now = clock.instant();
    int[] expired = new int[1];
    Schedule s = get(team, id);
    if (s.coverRequests().stream().noneMatch(r -> r.settledAt(now) != r)) {
      return 0;
    }
    mutate(team, id, current -> {
      Schedule.Builder b = current.toBuilder();
      expired[0] = 0;
      for (CoverRequest r : current.coverRequests()) {
        CoverRequest settled = r.settledAt(now);
        if (settled != r) {
          expired[0]++;
          b.putCoverRequest(settled);
        }
      }
      return b.build();
    });
    return expired[0];
  }

  // ---------------------------------------------------------------- final schedule

  /**
   * Computes the final schedule over {@code [from, to)} (at most {@link #MAX_WINDOW}): overrides
   * and accepted covers first, then layers by priority with clipping; gaps included.
   */
  public FinalSchedule finalSchedule(TeamId team, ScheduleId id, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (java.time.Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "window must be at most " + MAX_WINDOW + ", got " + from + " to " + to);
    }
    return FinalScheduleCalculator.compute(get(team, id), from, to);
  }

  /** Returns the final shifts over {@code [from, to)}, gaps included, in time order. */
  public List<FinalShift> finalShifts(TeamId team, ScheduleId id, Instant from, Instant to) {
    return finalSchedule(team, id, from, to).shifts();
  }

  /**
   * Returns the gaps (nobody on call) from now to {@code ahead} later, as Grafana OnCall checks
   * the next 30 days; empty when the schedule is fully covered.
   */
  public List<FinalShift> upcomingGaps(TeamId team, ScheduleId id, java.time.Duration ahead) {
    Instant now = clock.instant();
    return finalSchedule(team, id, now, now.plus(ahead)).gaps();
  }

  /** Returns the intervals in {@code [from, to)} where {@code user} is on call. */
  public List<FinalShift> shiftsOf(TeamId team, ScheduleId id, UserId user, Instant from,
      Instant to) {
    return finalSchedule(team, id, from, to).shiftsOf(user);
  }

  /**
   * Returns who is on call at {@code at}. Answers from the cached final schedule (a binary search)
   * when {@code at} lies within {@link OnCallConfig#cacheLookback()} before now to
   * {@link OnCallConfig#cacheHorizon()} after; otherwise computes it. Never throws: an unknown
   * schedule or a failure logs a warning and answers "nobody" so escalation moves on.
   */
  @Override
  public List<UserId> whoIsOnCall(TeamId team, ScheduleId schedule, Instant at) {
    try {
      FinalSchedule cached = cache.lookup(team, schedule, at);
      if (cached != null) {
        return cached.whoIsOnCall(at);
      }
      return computeAndCache(team, schedule, at);
    } catch (RuntimeException e) {
      log.warn("cannot tell who is on call for schedule {} of team {} at {}; answering nobody",
          schedule, team, at, e);
      return List.of();
    }
  }

  private List<UserId> computeAndCache(TeamId team, ScheduleId id, Instant at) {
    long generation = cache.generation(team, id);
    Optional<Schedule> found = repository.find(team, id);
    if (found.isEmpty()) {
      log.warn("schedule {} of team {} does not exist; nobody is on call", id, team);
      return List.of();
    }
    Instant now = clock.instant();
    Instant from = now.minus(config.cacheLookback());
    Instant to = now.plus(config.cacheHorizon());
    if (at.isBefore(from) || !at.isBefore(to)) {
      return FinalScheduleCalculator.compute(found.get(), at, at.plusNanos(1)).whoIsOnCall(at);
    }
    FinalSchedule computed = FinalScheduleCalculator.compute(found.get(), from, to);
    cache.offer(team, id, generation, computed);
    return computed.whoIsOnCall(at);
  }

  int cachedSchedules() {
    return cache.size();
  }

  // ---------------------------------------------------------------- internals

  private CoverRequest transition(TeamId team, ScheduleId id, CoverRequestId requestId,
      UnaryOperator<CoverRequest> change) {
    Objects.requireNonNull(requestId, "requestId");
    List<CoverRequest> result = new ArrayList<>(1);
    mutate(team, id, s -> {
      CoverRequest current = findCover(s, requestId).orElseThrow(() -> new IllegalArgumentException(
          "schedule " + id + " has no cover request " + requestId));
      CoverRequest next = change.apply(current);
      result.clear();
      result.add(next);
      return s.toBuilder().putCoverRequest(next).build();
    });
    return result.get(0);
  }

  private static Optional<CoverRequest> findCover(Schedule s, CoverRequestId requestId) {
    return s.coverRequests().stream().filter(r -> r.id().equals(requestId)).findFirst();
  }

  /** Applies {@code change} to the stored schedule, retrying when a concurrent edit wins. */
  private Schedule mutate(TeamId team, ScheduleId id, UnaryOperator<Schedule> change) {
    for (int attempt = 1; ; attempt++) {
      Schedule current = get(team, id);
      Schedule next = change.apply(current).withVersion(current.version() + 1);
      try {
        Schedule stored = repository.update(next);
        cache.invalidate(team, id);
        return stored;
      } catch (StaleVersionException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Builds a {@link ScheduleService}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private ScheduleRepository repository;
    private IdGenerator ids;
    private OnCallConfig config = OnCallConfig.defaults();

    Builder() {}

    /** Sets the clock (use {@code ctx.clock()}; a {@code ManualClock} in tests). */
    public Builder setClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the repository (default: a new in-memory one). */
    public Builder setRepository(ScheduleRepository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /** Sets the generator of override and cover request ids (default: time-ordered). */
    public Builder setIdGenerator(IdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Sets the cache settings. */
    public Builder setConfig(OnCallConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Returns the service. */
    public ScheduleService build() {
      if (repository == null) {
        repository = ScheduleRepository.inMemory();
      }
      return new ScheduleService(this);
    }
  }
}
