package dev.obskit.errors.issue;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.Level;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A search over a project's issues, every criterion optional and all of them required to match
 * (Sentry's issue search: {@code is:}, {@code level:}, {@code release:}, {@code environment:},
 * tags and free text). Issue-level criteria (status, level, release, text) read the issue; event
 * criteria (environment, tags) match when any of the issue's stored events carries them. Text
 * matches the title or the culprit, case-insensitively; issues merged into another never match.
 * Immutable; build with {@link #builder()}.
 */
public final class IssueQuery {
  private final Set<IssueStatus> statuses;
  private final Set<Level> levels;
  private final String release;
  private final String environment;
  private final Map<String, String> tags;
  private final String text;
  private final String assignee;

  private IssueQuery(Builder b) {
    this.statuses = b.statuses.isEmpty() ? Set.of() : Set.copyOf(b.statuses);
    this.levels = b.levels.isEmpty() ? Set.of() : Set.copyOf(b.levels);
    this.release = b.release;
    this.environment = b.environment;
    this.tags = Map.copyOf(b.tags);
    this.text = b.text == null ? null : b.text.toLowerCase(Locale.ROOT);
    this.assignee = b.assignee;
  }

  /** Returns a builder matching every issue. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether the issue's own fields match (status, level, release, text). */
  boolean matchesIssue(Issue i) {
    return i.mergedInto() == null && (assignee == null || assignee.equals(i.assignee()))
        && (statuses.isEmpty() || statuses.contains(i.status()))
        && (levels.isEmpty() || levels.contains(i.level()))
        && (release == null || release.equals(i.firstRelease()) || release.equals(i.lastRelease()))
        && (text == null || contains(i.title()) || contains(i.culprit()));
  }

  /** Returns whether criteria on events are set (environment, tags). */
  boolean needsEvents() {
    return environment != null || !tags.isEmpty();
  }

  /** Returns whether one stored event carries the environment and every tag. */
  boolean matchesEvent(ErrorEvent e) {
    if (environment != null && !environment.equals(e.environment())) {
      return false;
    }
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (!t.getValue().equals(e.tags().get(t.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private boolean contains(String s) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(text);
  }

  /** Builds an {@link IssueQuery}. Not thread-safe. */
  public static final class Builder {
    private final Set<IssueStatus> statuses = EnumSet.noneOf(IssueStatus.class);
    private final Set<Level> levels = EnumSet.noneOf(Level.class);
    private String release;
    private String environment;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String text;
    private String assignee;

    private Builder() {}

    /** Matches issues assigned to {@code assignee} ({@code user:<id>} or {@code team:<id>}). */
    public Builder assignee(String assignee) {
      this.assignee = Objects.requireNonNull(assignee, "assignee");
      return this;
    }

    /** Adds an accepted status (any of those added matches). */
    public Builder status(IssueStatus status) {
      statuses.add(Objects.requireNonNull(status, "status"));
      return this;
    }

    /** Adds an accepted level (any of those added matches). */
    public Builder level(Level level) {
      levels.add(Objects.requireNonNull(level, "level"));
      return this;
    }

    /** Matches issues first or last seen in {@code release}. */
    public Builder release(String release) {
      this.release = Objects.requireNonNull(release, "release");
      return this;
    }

    /** Matches issues with a stored event from {@code environment}. */
    public Builder environment(String environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Matches issues with a stored event tagged {@code key=value} (every tag added). */
    public Builder tag(String key, String value) {
      tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Matches issues whose title or culprit contains {@code text}, ignoring case. */
    public Builder text(String text) {
      Objects.requireNonNull(text, "text");
      this.text = text.isBlank() ? null : text.strip();
      return this;
    }

    /** Returns the query. */
    public IssueQuery build() {
      return new IssueQuery(this);
    }
  }
}
