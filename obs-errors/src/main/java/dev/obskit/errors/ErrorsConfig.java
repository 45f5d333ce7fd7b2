package dev.obskit.errors;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.ProjectId;
import dev.obskit.errors.capture.CaptureConfig;
import dev.obskit.errors.grouping.GroupingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the errors module: the projects it accepts events for, which project the
 * in-process {@link dev.obskit.errors.capture.ErrorTracker} reports to, how it captures, the
 * grouping rules, and storage bounds. Immutable; build with {@link #builder()}.
 *
 * @param projects the projects; at least one
 * @param captureProject the project in-process captures go to
 * @param capture how the tracker captures
 * @param grouping the base grouping rules (projects add their fingerprint rules)
 * @param eventsPerIssue events kept per issue in the in-memory event store
 * @param installGlobalTracker whether the tracker becomes {@link
 *     dev.obskit.errors.capture.ErrorTrackers#global()} (what file-configured appenders use)
 * @param installUncaughtHandler whether to install the tracker as the default uncaught exception
 *     handler (chaining the previous one)
 * @param transactionsPerProject transactions kept per project in the in-memory store
 * @param attachmentBytesPerProject attachment content bytes kept per project in memory; older
 *     attachments lose their content first
 * @param attachmentsPerProject attachments (metadata) kept per project in memory
 */
public record ErrorsConfig(List<ProjectConfig> projects, ProjectId captureProject,
    CaptureConfig capture, GroupingConfig grouping, int eventsPerIssue,
    boolean installGlobalTracker, boolean installUncaughtHandler, int transactionsPerProject,
    long attachmentBytesPerProject, int attachmentsPerProject) {
  /** Default events kept per issue. */
  public static final int DEFAULT_EVENTS_PER_ISSUE = 100;
  /** Default transactions kept per project. */
  public static final int DEFAULT_TRANSACTIONS_PER_PROJECT = 10_000;
  /** Default attachment content kept per project: 8 MiB. */
  public static final long DEFAULT_ATTACHMENT_BYTES_PER_PROJECT = 8L * 1024 * 1024;
  /** Default attachments kept per project. */
  public static final int DEFAULT_ATTACHMENTS_PER_PROJECT = 1_000;

  /** Validates and copies. */
  public ErrorsConfig {
    projects = List.copyOf(projects);
    if (projects.isEmpty()) {
      throw new IllegalArgumentException("ErrorsConfig needs at least one project");
    }
    Objects.requireNonNull(captureProject, "captureProject");
    if (projects.stream().noneMatch(p -> p.id().equals(captureProject))) {
      throw new IllegalArgumentException("captureProject '" + captureProject
          + "' is not one of the configured projects");
    }
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(grouping, "grouping");
    Checks.positive("eventsPerIssue", eventsPerIssue);
    Checks.positive("transactionsPerProject", transactionsPerProject);
    Checks.notNegative("attachmentBytesPerProject", attachmentBytesPerProject);
    Checks.positive("attachmentsPerProject", attachmentsPerProject);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link ErrorsConfig}. Not thread-safe. */
  public static final class Builder {
    private final List<ProjectConfig> projects = new ArrayList<>();
    private ProjectId captureProject;
    private CaptureConfig capture = CaptureConfig.defaults();
    private GroupingConfig grouping = GroupingConfig.defaults();
    private int eventsPerIssue = DEFAULT_EVENTS_PER_ISSUE;
    private boolean installGlobalTracker = true;
    private int transactionsPerProject = DEFAULT_TRANSACTIONS_PER_PROJECT;
    private long attachmentBytesPerProject = DEFAULT_ATTACHMENT_BYTES_PER_PROJECT;
    private int attachmentsPerProject = DEFAULT_ATTACHMENTS_PER_PROJECT;
    private boolean installUncaughtHandler;

    Builder() {}

    /** Adds a project; the first one added is the capture project unless set otherwise. */
    public Builder addProject(ProjectConfig project) {
      projects.add(Objects.requireNonNull(project, "project"));
      return this;
    }

    /** Sets the project in-process captures go to. */
    public Builder setCaptureProject(ProjectId project) {
      this.captureProject = Objects.requireNonNull(project, "project");
      return this;
    }

    /** Sets how the tracker captures. */
    public Builder setCapture(CaptureConfig capture) {
      this.capture = Objects.requireNonNull(capture, "capture");
      return this;
    }

    /** Sets the base grouping rules. */
    public Builder setGrouping(GroupingConfig grouping) {
      this.grouping = Objects.requireNonNull(grouping, "grouping");
      return this;
    }

    /** Sets events kept per issue; default {@value ErrorsConfig#DEFAULT_EVENTS_PER_ISSUE}. */
    public Builder setEventsPerIssue(int eventsPerIssue) {
      this.eventsPerIssue = eventsPerIssue;
      return this;
    }

    /** Sets whether the tracker becomes the global one; default true. */
    public Builder setInstallGlobalTracker(boolean install) {
      this.installGlobalTracker = install;
      return this;
    }

    /** Sets whether to install the uncaught exception handler; default false. */
    public Builder setInstallUncaughtHandler(boolean install) {
      this.installUncaughtHandler = install;
      return this;
    }

    /** Sets transactions kept per project; default {@value ErrorsConfig#DEFAULT_TRANSACTIONS_PER_PROJECT}. */
    public Builder setTransactionsPerProject(int perProject) {
      this.transactionsPerProject = perProject;
      return this;
    }

    /**
     * Bounds attachments per project: {@code contentBytes} of content (default 8 MiB) and {@code
     * count} attachments (default {@value ErrorsConfig#DEFAULT_ATTACHMENTS_PER_PROJECT}).
     */
    public Builder setAttachmentsPerProject(long contentBytes, int count) {
      this.attachmentBytesPerProject = contentBytes;
      this.attachmentsPerProject = count;
      return this;
    }

    /** Returns the config; throws naming the problem when it is inconsistent. */
    public ErrorsConfig build() {
      ProjectId capt = captureProject != null ? captureProject
          : projects.isEmpty() ? null : projects.get(0).id();
      if (capt == null) {
        throw new IllegalArgumentException("ErrorsConfig needs at least one project");
      }
      return new ErrorsConfig(projects, capt, capture, grouping, eventsPerIssue,
          installGlobalTracker, installUncaughtHandler, transactionsPerProject,
          attachmentBytesPerProject, attachmentsPerProject);
    }
  }
}
