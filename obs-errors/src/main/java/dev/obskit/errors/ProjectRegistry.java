package dev.obskit.errors;

import dev.obskit.core.id.ProjectId;
import dev.obskit.errors.grouping.GroupingConfig;
import dev.obskit.errors.grouping.GroupingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projects an errors module accepts events for, each with its own grouping engine (fingerprint
 * rules are per project). Projects can be added or replaced at runtime. Thread-safe.
 */
public final class ProjectRegistry {
  record Entry(ProjectConfig config, GroupingEngine engine) {}

  private final GroupingConfig baseGrouping;
  private final ConcurrentHashMap<ProjectId, Entry> projects = new ConcurrentHashMap<>();

  ProjectRegistry(GroupingConfig baseGrouping) {
    this.baseGrouping = Objects.requireNonNull(baseGrouping, "baseGrouping");
  }

  /** Adds or replaces a project. */
  public void put(ProjectConfig project) {
    Objects.requireNonNull(project, "project");
    GroupingConfig grouping = project.fingerprintRules().isEmpty() ? baseGrouping
        : baseGrouping.withFingerprintRules(project.fingerprintRules());
    projects.put(project.id(), new Entry(project, GroupingEngine.create(grouping)));
  }

  /** Returns the project. */
  public Optional<ProjectConfig> find(ProjectId id) {
    Entry e = projects.get(id);
    return e == null ? Optional.empty() : Optional.of(e.config);
  }

  /** Returns every project. */
  public List<ProjectConfig> all() {
    List<ProjectConfig> out = new ArrayList<>();
    projects.values().forEach(e -> out.add(e.config));
    return out;
  }

  /** Returns the grouping engine of the project, or the base engine for an unknown one. */
  public GroupingEngine engine(ProjectId id) {
    Entry e = projects.get(id);
    return e == null ? GroupingEngine.create(baseGrouping) : e.engine;
  }
}
