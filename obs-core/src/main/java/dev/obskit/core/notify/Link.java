package dev.obskit.core.notify;

import java.util.Objects;

/**
 * A link shown with a notification (incident page, runbook, acknowledge action). Immutable.
 *
 * @param label the text shown
 * @param url the absolute URL
 */
public record Link(String label, String url) {
  /** Validates that no component is null. */
  public Link {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(url, "url");
  }
}
