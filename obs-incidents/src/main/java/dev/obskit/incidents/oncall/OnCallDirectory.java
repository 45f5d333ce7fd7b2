package dev.obskit.incidents.oncall;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The seam between escalation and on-call schedules: escalation asks who is on call; schedules
 * answer from the final schedule (layers, overrides and accepted cover requests applied).
 * Implementations are thread-safe and answer from memory without blocking.
 */
@FunctionalInterface
public interface OnCallDirectory {
  /**
   * Returns the users on call for {@code schedule} at {@code at}, in priority order; empty when the
   * schedule has a gap there (escalation then moves on instead of paging no one).
   */
  List<UserId> whoIsOnCall(TeamId team, ScheduleId schedule, Instant at);
}
