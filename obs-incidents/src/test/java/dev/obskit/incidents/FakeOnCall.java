package dev.obskit.incidents;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.oncall.OnCallDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written on-call directory: explicit shifts per schedule, no rotation logic. */
public final class FakeOnCall implements OnCallDirectory {
  private final List<Shift> shifts = new CopyOnWriteArrayList<>();

  /** Puts {@code users} on call for {@code schedule} in {@code [from, to)}. */
  public FakeOnCall shift(ScheduleId schedule, Instant from, Instant to, UserId... users) {
    shifts.add(new Shift(schedule, from, to, List.of(users)));
    return this;
  }

  @Override
  public List<UserId> whoIsOnCall(TeamId team, ScheduleId schedule, Instant at) {
    List<UserId> out = new ArrayList<>();
    for (Shift s : shifts) {
      if (s.schedule.equals(schedule) && !at.isBefore(s.from) && at.isBefore(s.to)) {
        out.addAll(s.users);
      }
    }
    return out;
  }

  private record Shift(ScheduleId schedule, Instant from, Instant to, List<UserId> users) {}
}
