package dev.obskit.statuspages;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One timestamped update of a status report. Immutable.
 *
 * @param id unique within the report
 * @param status the report's status from this update on
 * @param body the text (escaped when rendered; at most 10,000 characters)
 * @param at when it was posted
 * @param affected each affected resource's status from this update on
 */
public record ReportUpdate(String id, ReportStatus status, String body, Instant at,
    Map<ResourceId, ComponentStatus> affected) {
  /** Longest body accepted. */
  public static final int MAX_BODY_CHARS = 10_000;

  /** Validates and copies. */
  public ReportUpdate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(at, "at");
    affected = Map.copyOf(Objects.requireNonNull(affected, "affected"));
    if (body.length() > MAX_BODY_CHARS) {
      throw new IllegalArgumentException("update body must be at most " + MAX_BODY_CHARS
          + " characters, got " + body.length());
    }
  }
}
