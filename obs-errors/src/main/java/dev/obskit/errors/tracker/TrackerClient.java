package dev.obskit.errors.tracker;

/**
 * Creates issues in an external tracker ({@link LinearClient}, {@link JiraClient}). Blocks the
 * calling thread for one HTTP request (bounded by the client's timeout). Thread-safe.
 */
public interface TrackerClient {
  /**
   * Creates an issue; returns its link.
   *
   * @param title one line
   * @param summary plain-text lines (culprit, ObsKit link, counts)
   * @param stack the latest stack as text, or null
   * @throws TrackerException when the tracker refuses or cannot be reached
   */
  TrackerLink createIssue(String title, String summary, String stack) throws TrackerException;
}
