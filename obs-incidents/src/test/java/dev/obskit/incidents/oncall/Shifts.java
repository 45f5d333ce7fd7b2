package dev.obskit.incidents.oncall;

import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Hand-written expectations: shifts written as ISO instants and user names. */
final class Shifts {
  static final TeamId TEAM = TeamId.of("sre");
  static final ScheduleId SCHEDULE = ScheduleId.of("primary");

  private Shifts() {}

  static Instant t(String iso) {
    return Instant.parse(iso);
  }

  static UserId u(String name) {
    return UserId.of(name);
  }

  static List<UserId> users(String... names) {
    return Arrays.stream(names).map(UserId::of).toList();
  }

  static FinalShift layer(String start, String end, String layer, String... users) {
    return new FinalShift(t(start), t(end), users(users), ShiftSource.LAYER, layer, List.of());
  }

  static FinalShift covered(String start, String end, String layer, String cover, String... users) {
    return new FinalShift(t(start), t(end), users(users), ShiftSource.LAYER, layer,
        List.of(CoverRequestId.of(cover)));
  }

  static FinalShift override(String start, String end, String id, String... users) {
    return new FinalShift(t(start), t(end), users(users), ShiftSource.OVERRIDE, id, List.of());
  }

  static FinalShift gap(String start, String end) {
    return FinalShift.gap(t(start), t(end));
  }
}
