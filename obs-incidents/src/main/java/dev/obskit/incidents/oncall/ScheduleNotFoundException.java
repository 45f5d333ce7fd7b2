package dev.obskit.incidents.oncall;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;

/** The team has no schedule with that id (or it was deleted). */
public final class ScheduleNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the team and the schedule. */
  public ScheduleNotFoundException(TeamId team, ScheduleId id) {
    super("team " + team + " has no schedule " + id);
  }
}
