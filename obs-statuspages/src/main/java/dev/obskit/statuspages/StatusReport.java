package dev.obskit.statuspages;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The public face of an incident: a title, timestamped updates (INVESTIGATING -> IDENTIFIED ->
 * MONITORING -> RESOLVED) and the resources it affects, written apart from the internal incident
 * it may link to. A draft is shown and sent to nobody until published. Immutable.
 *
 * @param id the report
 * @param teamId the owning team
 * @param version optimistic version
 * @param pageId the page it appears on
 * @param title the title (escaped when rendered)
 * @param updates oldest first, never empty
 * @param incidentId the internal incident, if linked
 * @param published whether visitors and subscribers see it
 * @param automatic whether it was opened automatically when a resource went down
 * @param createdAt when it was opened
 */
public record StatusReport(ReportId id, TeamId teamId, long version, StatusPageId pageId,
    String title, List<ReportUpdate> updates, Optional<IncidentId> incidentId, boolean published,
    boolean automatic, Instant createdAt) implements Aggregate<ReportId> {

  /** Validates and copies. */
  public StatusReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(pageId, "pageId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(createdAt, "createdAt");
    updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("report " + id + " needs at least one update");
    }
    if (title.isBlank() || title.length() > 300) {
      throw new IllegalArgumentException("report " + id + ": title must be 1 to 300 characters,"
          + " got " + title.length());
    }
  }

  /** Returns the current status (that of the latest update). */
  public ReportStatus status() {
    return latest().status();
  }

  /** Returns the latest update. */
  public ReportUpdate latest() {
    return updates.get(updates.size() - 1);
  }

  /** Returns the current affected resources and their statuses. */
  public Map<ResourceId, ComponentStatus> affected() {
    return latest().affected();
  }

  /** Returns whether it is resolved. */
  public boolean resolved() {
    return status() == ReportStatus.RESOLVED;
  }

  /** Returns when it was resolved, if it was. */
  public Optional<Instant> resolvedAt() {
    return resolved() ? Optional.of(latest().at()) : Optional.empty();
  }

  /** Returns the time of the first update with {@code status}, if any. */
  public Optional<Instant> firstAt(ReportStatus status) {
    return updates.stream().filter(u -> u.status() == status).map(ReportUpdate::at).findFirst();
  }

  StatusReport next(List<ReportUpdate> newUpdates, String newTitle, boolean nowPublished) {
    return new StatusReport(id, teamId, version + 1, pageId, newTitle, newUpdates, incidentId,
        nowPublished, automatic, createdAt);
  }

  StatusReport withUpdate(ReportUpdate update) {
    List<ReportUpdate> u = new ArrayList<>(updates);
    u.add(update);
    return next(u, title, published);
  }
}
