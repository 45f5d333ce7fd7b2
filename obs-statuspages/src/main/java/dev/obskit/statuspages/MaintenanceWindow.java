package dev.obskit.statuspages;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Scheduled maintenance of some resources of a page: SCHEDULED -> IN_PROGRESS -> COMPLETED on the
 * kit clock, subscribers reminded {@code remindBefore} ahead. Downtime of its resources inside the
 * window counts as maintenance. Immutable.
 *
 * @param id the window
 * @param teamId the owning team
 * @param version optimistic version
 * @param pageId the page
 * @param title shown on the page (escaped)
 * @param body details (escaped)
 * @param startsAt start
 * @param endsAt end (after start, at most 7 days later)
 * @param resources affected resources, not empty
 * @param remindBefore how long before the start subscribers are reminded (zero: no reminder)
 * @param status where it stands
 * @param reminded whether the reminder went out
 */
public record MaintenanceWindow(MaintenanceId id, TeamId teamId, long version,
    StatusPageId pageId, String title, String body, Instant startsAt, Instant endsAt,
    Set<ResourceId> resources, Duration remindBefore, MaintenanceStatus status, boolean reminded)
    implements Aggregate<MaintenanceId> {

  /** Validates and copies. */
  public MaintenanceWindow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(pageId, "pageId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(remindBefore, "remindBefore");
    Objects.requireNonNull(status, "status");
    resources = Set.copyOf(Objects.requireNonNull(resources, "resources"));
    if (!endsAt.isAfter(startsAt) || Duration.between(startsAt, endsAt).toDays() > 7) {
      throw new IllegalArgumentException("maintenance " + id + ": end " + endsAt
          + " must be after start " + startsAt + " and at most 7 days later");
    }
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("maintenance " + id + " must name at least one resource");
    }
    if (remindBefore.isNegative()) {
      throw new IllegalArgumentException("maintenance " + id + ": remindBefore must not be negative");
    }
    if (title.isBlank() || title.length() > 300 || body.length() > ReportUpdate.MAX_BODY_CHARS) {
      throw new IllegalArgumentException("maintenance " + id + ": title must be 1 to 300"
          + " characters and body at most " + ReportUpdate.MAX_BODY_CHARS);
    }
  }

  /** Returns whether {@code t} lies in [start, end). */
  public boolean covers(Instant t) {
    return !t.isBefore(startsAt) && t.isBefore(endsAt);
  }

  MaintenanceWindow with(MaintenanceStatus next, boolean nowReminded) {
    return new MaintenanceWindow(id, teamId, version + 1, pageId, title, body, startsAt, endsAt,
        resources, remindBefore, next, nowReminded);
  }
}
