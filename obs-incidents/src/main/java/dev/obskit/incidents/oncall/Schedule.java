package dev.obskit.incidents.oncall;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.core.store.Versioned;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An on-call schedule: layers of rotations, overrides on top, and cover requests. This is the
 * stored aggregate; who is actually on call comes from {@link ScheduleService#finalSchedule}.
 * Immutable and thread-safe; edits go through {@link #toBuilder()} and the repository's optimistic
 * version check.
 *
 * @param id unique within the team
 * @param teamId the owning team
 * @param version optimistic-locking version, {@link Versioned#INITIAL_VERSION} when new
 * @param name display name, also the iCal calendar name
 * @param zone the schedule's display zone (exports, all-day imported overrides); each layer has
 *     its own zone for its rotation
 * @param layers at most {@value #MAX_LAYERS}, unique names
 * @param overrides at most {@value #MAX_OVERRIDES}, in the order they were added (later wins)
 * @param coverRequests at most {@value #MAX_COVER_REQUESTS}, in the order they were asked
 */
public record Schedule(ScheduleId id, TeamId teamId, long version, String name, ZoneId zone,
    List<Layer> layers, List<ScheduleOverride> overrides, List<CoverRequest> coverRequests)
    implements Aggregate<ScheduleId> {
  /** Most layers in one schedule. */
  public static final int MAX_LAYERS = 50;
  /** Most overrides in one schedule. */
  public static final int MAX_OVERRIDES = 10_000;
  /** Most cover requests kept in one schedule. */
  public static final int MAX_COVER_REQUESTS = 10_000;

  /** Validates the components, naming the bad value. */
  public Schedule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    if (version < Versioned.INITIAL_VERSION) {
      throw new IllegalArgumentException(
          "version must be >= " + Versioned.INITIAL_VERSION + ", got " + version);
    }
    Checks.notBlank("name", name);
    Objects.requireNonNull(zone, "zone");
    layers = checkUnique("layer", layers, MAX_LAYERS, Layer::name);
    overrides = checkUnique("override", overrides, MAX_OVERRIDES, ScheduleOverride::id);
    coverRequests = checkUnique("cover request", coverRequests, MAX_COVER_REQUESTS, CoverRequest::id);
  }

  /** Returns a builder for a new schedule (version 1, no layers, UTC). */
  public static Builder builder(TeamId teamId, ScheduleId id) {
    return new Builder(Objects.requireNonNull(teamId, "teamId"), Objects.requireNonNull(id, "id"));
  }

  /** Returns a builder holding this schedule's content and version. */
  public Builder toBuilder() {
    Builder b = new Builder(teamId, id);
    b.version = version;
    b.name = name;
    b.zone = zone;
    b.layers.addAll(layers);
    b.overrides.addAll(overrides);
    b.coverRequests.addAll(coverRequests);
    return b;
  }

  /** Returns this schedule at {@code newVersion}. */
  Schedule withVersion(long newVersion) {
    return new Schedule(id, teamId, newVersion, name, zone, layers, overrides, coverRequests);
  }

  private static <T> List<T> checkUnique(String kind, List<T> items, int max,
      Function<T, Object> key) {
    List<T> copy = List.copyOf(Objects.requireNonNull(items, kind + "s"));
    if (copy.size() > max) {
      throw new IllegalArgumentException(
          "a schedule has at most " + max + " " + kind + "s, got " + copy.size());
    }
    Set<Object> seen = new HashSet<>();
    for (T item : copy) {
      if (!seen.add(key.apply(item))) {
        throw new IllegalArgumentException("duplicate " + kind + " \"" + key.apply(item) + "\"");
      }
    }
    return copy;
  }

  /** Builds a {@link Schedule}. Not thread-safe. */
  public static final class Builder {
    private final TeamId teamId;
    private final ScheduleId id;
    private final List<Layer> layers = new ArrayList<>();
    private final List<ScheduleOverride> overrides = new ArrayList<>();
    private final List<CoverRequest> coverRequests = new ArrayList<>();
    private long version = Versioned.INITIAL_VERSION;
    private String name;
    private ZoneId zone = java.time.ZoneOffset.UTC;

    Builder(TeamId teamId, ScheduleId id) {
      this.teamId = teamId;
      this.id = id;
    }

    /** Sets the display name (default: the id). */
    public Builder setName(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Sets the display zone (default UTC). */
    public Builder setZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Adds a layer. */
    public Builder addLayer(Layer layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /** Adds a layer named {@code name} at {@code priority}. */
    public Builder addLayer(String name, int priority, Rotation rotation) {
      return addLayer(Layer.of(name, priority, rotation));
    }

    /** Removes every layer. */
    public Builder clearLayers() {
      layers.clear();
      return this;
    }

    /** Adds an override; later overrides win over earlier ones. */
    public Builder addOverride(ScheduleOverride override) {
      overrides.add(Objects.requireNonNull(override, "override"));
      return this;
    }

    /** Keeps only the overrides {@code keep} accepts. */
    public Builder retainOverrides(java.util.function.Predicate<ScheduleOverride> keep) {
      overrides.removeIf(keep.negate());
      return this;
    }

    /** Adds a cover request. */
    public Builder addCoverRequest(CoverRequest request) {
      coverRequests.add(Objects.requireNonNull(request, "request"));
      return this;
    }

    /** Replaces the cover request with the same id, or adds it. */
    public Builder putCoverRequest(CoverRequest request) {
      Objects.requireNonNull(request, "request");
      coverRequests.replaceAll(r -> r.id().equals(request.id()) ? request : r);
      if (coverRequests.stream().noneMatch(r -> r.id().equals(request.id()))) {
        coverRequests.add(request);
      }
      return this;
    }

    /** Keeps only the cover requests {@code keep} accepts. */
    public Builder retainCoverRequests(java.util.function.Predicate<CoverRequest> keep) {
      coverRequests.removeIf(keep.negate());
      return this;
    }

    /** Returns the validated schedule. */
    public Schedule build() {
      return new Schedule(id, teamId, version, name == null ? id.value() : name, zone, layers,
          overrides, coverRequests);
    }
  }
}
