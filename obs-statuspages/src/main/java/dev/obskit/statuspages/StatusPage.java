package dev.obskit.statuspages;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A status page: sections of resources, how it looks ({@link PageOptions}), who may see it
 * ({@link AccessPolicy}), how many days of history it shows, and how it reports. Immutable; build
 * with {@link #builder} and change with {@link #toBuilder}.
 */
public final class StatusPage implements Aggregate<StatusPageId> {
  /** Default days of history. */
  public static final int DEFAULT_HISTORY_DAYS = 90;
  /** Subscribers included per page (more are billed in packs of this size). */
  public static final int INCLUDED_SUBSCRIBERS = 1_000;

  /** Whether reports are opened when a monitored resource goes down. */
  public enum AutomaticReports {
    /** Never. */
    OFF,
    /** Opened unpublished, for a person to review and publish. */
    DRAFT,
    /** Opened and published at once, resolved on recovery (Better Stack's behaviour). */
    PUBLISH
  }

  private final StatusPageId id;
  private final TeamId teamId;
  private final long version;
  private final String name;
  private final List<Section> sections;
  private final PageOptions options;
  private final AccessPolicy access;
  private final int historyDays;
  private final Duration minIncidentLength;
  private final AutomaticReports automaticReports;
  private final boolean subscribable;
  private final int subscriberLimit;
  private final Instant createdAt;

  private StatusPage(Builder b) {
    id = b.id;
    teamId = b.teamId;
    version = b.version;
    name = b.name;
    sections = List.copyOf(b.sections);
    options = b.options;
    access = b.access;
    historyDays = b.historyDays;
    minIncidentLength = b.minIncidentLength;
    automaticReports = b.automaticReports;
    subscribable = b.subscribable;
    subscriberLimit = b.subscriberLimit;
    createdAt = b.createdAt;
  }

  /** Returns a builder for a new page created at {@code createdAt}. */
  public static Builder builder(StatusPageId id, TeamId teamId, String name, Instant createdAt) {
    return new Builder(id, teamId, name, createdAt);
  }

  /** Returns a builder holding this page (same version; the service bumps it on save). */
  public Builder toBuilder() {
    Builder b = new Builder(id, teamId, name, createdAt);
    b.version = version;
    b.sections.addAll(sections);
    b.options = options;
    b.access = access;
    b.historyDays = historyDays;
    b.minIncidentLength = minIncidentLength;
    b.automaticReports = automaticReports;
    b.subscribable = subscribable;
    b.subscriberLimit = subscriberLimit;
    return b;
  }

  @Override
  public StatusPageId id() {
    return id;
  }

  @Override
  public TeamId teamId() {
    return teamId;
  }

  @Override
  public long version() {
    return version;
  }

  /** Returns the page title. */
  public String name() {
    return name;
  }

  /** Returns the sections in display order. */
  public List<Section> sections() {
    return sections;
  }

  /** Returns every resource, in display order. */
  public List<Resource> resources() {
    return sections.stream().flatMap(s -> s.resources().stream()).toList();
  }

  /** Returns the resource {@code id}. */
  public Optional<Resource> resource(ResourceId id) {
    return resources().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Returns the look. */
  public PageOptions options() {
    return options;
  }

  /** Returns who may see the page. */
  public AccessPolicy access() {
    return access;
  }

  /** Returns the days of history shown (7 to 365). */
  public int historyDays() {
    return historyDays;
  }

  /** Returns the shortest downtime shown as an incident; shorter blips are not shown. */
  public Duration minIncidentLength() {
    return minIncidentLength;
  }

  /** Returns whether reports are opened automatically when a resource goes down. */
  public AutomaticReports automaticReports() {
    return automaticReports;
  }

  /** Returns whether visitors may subscribe. */
  public boolean subscribable() {
    return subscribable;
  }

  /** Returns the most subscribers this page may have. */
  public int subscriberLimit() {
    return subscriberLimit;
  }

  /** Returns when the page was created. */
  public Instant createdAt() {
    return createdAt;
  }

  StatusPage withVersion(long next) {
    Builder b = toBuilder();
    b.version = next;
    return b.build();
  }

  @Override
  public String toString() {
    return "StatusPage{" + id + ", '" + name + "', v" + version + "}";
  }

  /** Builds a {@link StatusPage}; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final StatusPageId id;
    private final TeamId teamId;
    private final Instant createdAt;
    private long version = INITIAL_VERSION;
    private String name;
    private final List<Section> sections = new ArrayList<>();
    private PageOptions options = PageOptions.defaults();
    private AccessPolicy access = AccessPolicy.open();
    private int historyDays = DEFAULT_HISTORY_DAYS;
    private Duration minIncidentLength = Duration.ZERO;
    private AutomaticReports automaticReports = AutomaticReports.OFF;
    private boolean subscribable = true;
    private int subscriberLimit = INCLUDED_SUBSCRIBERS;

    private Builder(StatusPageId id, TeamId teamId, String name, Instant createdAt) {
      this.id = Objects.requireNonNull(id, "id");
      this.teamId = Objects.requireNonNull(teamId, "teamId");
      this.name = Objects.requireNonNull(name, "name");
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Sets the title. */
    public Builder setName(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Appends a section. */
    public Builder addSection(Section section) {
      sections.add(Objects.requireNonNull(section, "section"));
      return this;
    }

    /** Replaces every section. */
    public Builder setSections(List<Section> sections) {
      this.sections.clear();
      this.sections.addAll(Objects.requireNonNull(sections, "sections"));
      return this;
    }

    /** Sets the look. */
    public Builder setOptions(PageOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Sets who may see the page. */
    public Builder setAccess(AccessPolicy access) {
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    /** Sets the days of history, 7 to 365 (default 90). */
    public Builder setHistoryDays(int historyDays) {
      this.historyDays = historyDays;
      return this;
    }

    /** Sets the shortest downtime shown as an incident (default zero: all are shown). */
    public Builder setMinIncidentLength(Duration minIncidentLength) {
      this.minIncidentLength = Objects.requireNonNull(minIncidentLength, "minIncidentLength");
      return this;
    }

    /** Sets whether reports open automatically when a monitored resource goes down. */
    public Builder setAutomaticReports(AutomaticReports automaticReports) {
      this.automaticReports = Objects.requireNonNull(automaticReports, "automaticReports");
      return this;
    }

    /** Sets whether visitors may subscribe (default true). */
    public Builder setSubscribable(boolean subscribable) {
      this.subscribable = subscribable;
      return this;
    }

    /** Sets the subscriber limit (default 1,000; above that, packs are billed). */
    public Builder setSubscriberLimit(int subscriberLimit) {
      this.subscriberLimit = subscriberLimit;
      return this;
    }

    /** Validates and returns the page. */
    public StatusPage build() {
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("page " + id + ": name must be 1 to 200 characters,"
            + " got " + name.length());
      }
      if (historyDays < 7 || historyDays > 365) {
        throw new IllegalArgumentException("page " + id + ": historyDays must be 7 to 365, got "
            + historyDays);
      }
      if (minIncidentLength.isNegative() || minIncidentLength.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("page " + id + ": minIncidentLength must be 0 to 1 day,"
            + " got " + minIncidentLength);
      }
      if (subscriberLimit < 0 || subscriberLimit > 10_000_000) {
        throw new IllegalArgumentException("page " + id + ": subscriberLimit must be 0 to"
            + " 10000000, got " + subscriberLimit);
      }
      Set<ResourceId> seen = new HashSet<>();
      for (Section s : sections) {
        for (Resource r : s.resources()) {
          if (!seen.add(r.id())) {
            throw new IllegalArgumentException("page " + id + ": resource id " + r.id()
                + " appears twice");
          }
        }
      }
      if (seen.size() > 500) {
        throw new IllegalArgumentException("page " + id + ": at most 500 resources, got "
            + seen.size());
      }
      return new StatusPage(this);
    }
  }
}
