package dev.obskit.core.notify;

import java.util.Objects;

/**
 * A link shown with a notification (incident page, runbook, acknowledge action). Immutable.
 * {@code toString()} shows only the scheme and host: action links carry tokens and webhook-style
 * URLs carry secrets in their path.
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

  @Override
  public String toString() {
    return "Link[label=" + label + ", url=" + origin(url) + "/(hidden)]";
  }

  private static String origin(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return "";
    }
    int end = scheme + 3;
    while (end < url.length() && "/?#@".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    // Credentials before '@' are dropped with everything after the host.
    return end < url.length() && url.charAt(end) == '@' ? url.substring(0, scheme + 3)
        : url.substring(0, end);
  }
}
