package dev.obskit.incidents.config;

import java.util.List;

/**
 * What applying a configuration did, each object named {@code kind/id} (e.g. {@code policy/ops}).
 * Unchanged objects keep their ids, versions and history. Objects that exist but are no longer in
 * the file are left alone (listed nowhere): removing them is an explicit act. Immutable.
 *
 * @param created objects that did not exist
 * @param updated objects whose definition changed (stored at the next version)
 * @param unchanged objects already as the file says
 */
public record ApplyReport(List<String> created, List<String> updated, List<String> unchanged) {
  /** Copies the lists. */
  public ApplyReport {
    created = List.copyOf(created);
    updated = List.copyOf(updated);
    unchanged = List.copyOf(unchanged);
  }

  /** Whether the apply changed nothing. */
  public boolean isNoOp() {
    return created.isEmpty() && updated.isEmpty();
  }
}
