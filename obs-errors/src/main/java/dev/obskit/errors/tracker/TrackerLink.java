package dev.obskit.errors.tracker;

import java.util.Objects;

/**
 * An ObsKit issue's counterpart in an issue tracker. Immutable.
 *
 * @param provider {@code linear} or {@code jira}
 * @param externalId the tracker's id (Linear issue UUID, Jira numeric id)
 * @param key the human key ({@code ENG-12}, {@code OPS-7})
 * @param url where people open it
 */
public record TrackerLink(String provider, String externalId, String key, String url) {
  /** Validates. */
  public TrackerLink {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(externalId, "externalId");
  }
}
