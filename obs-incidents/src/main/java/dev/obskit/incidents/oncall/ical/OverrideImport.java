package dev.obskit.incidents.oncall.ical;

import dev.obskit.incidents.oncall.ScheduleOverride;
import java.util.List;

/**
 * What an iCal overrides feed turned into. Immutable.
 *
 * @param overrides one per event, in feed order, all with source {@code "ical:<feed>"}
 * @param cancelled events skipped because they had {@code STATUS:CANCELLED}
 * @param warnings the parser's non-fatal remarks (e.g. an unknown property), for logs
 */
public record OverrideImport(List<ScheduleOverride> overrides, int cancelled, List<String> warnings) {
  /** Copies the lists. */
  public OverrideImport {
    overrides = List.copyOf(overrides);
    warnings = List.copyOf(warnings);
  }
}
