package dev.obskit.errors.prompt;

import dev.obskit.core.ai.AiAnswer;
import dev.obskit.core.ai.AiAssistant;
import dev.obskit.core.ai.AiRequest;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.privacy.PiiScrubber;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.issue.EventRepository;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.IssueId;
import dev.obskit.errors.issue.IssueService;
import dev.obskit.errors.issue.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Writes a ready-to-paste prompt asking an AI assistant for a fix: the issue's facts (title,
 * culprit, counts, first/last seen, releases), the latest event's exception chain with in-app
 * frames in full and library frames collapsed, its breadcrumbs and tags, and what to answer with.
 * The text is passed through the PII scrubber again, whatever the project's PII setting, because
 * it leaves the process. Thread-safe.
 */
public final class BugfixPromptBuilder {
  /** What {@link AiRequest#purpose()} is set to. */
  public static final String PURPOSE = "errors.bugfix";
  /** Breadcrumbs included, the newest. */
  static final int MAX_BREADCRUMBS = 20;
  /** Default answer budget. */
  static final int MAX_OUTPUT_TOKENS = 2000;

  private final IssueService issues;
  private final EventRepository events;
  private final PiiScrubber scrubber;

  /** Creates a builder reading issues and events. */
  public BugfixPromptBuilder(IssueService issues, EventRepository events, PiiScrubber scrubber) {
    this.issues = Objects.requireNonNull(issues, "issues");
    this.events = Objects.requireNonNull(events, "events");
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
  }

  /** Returns the prompt for the issue; throws {@link NoSuchElementException} for an unknown one. */
  public String build(TeamId team, IssueId id) {
    Issue issue = issues.find(team, id).orElseThrow(
        () -> new NoSuchElementException("no issue " + id + " for team " + team));
    List<StoredEvent> latest = events.latest(team, id, 1);
    StringBuilder sb = new StringBuilder(4096);
    sb.append("You are helping fix a production error in a Java application.\n")
        .append("Explain the most likely root cause, propose a minimal code change, and a ")
        .append("regression test that fails before the fix.\n\n");
    facts(sb, issue);
    if (!latest.isEmpty()) {
      event(sb, latest.get(0).event());
    }
    return scrubber.scrubText(sb.toString());
  }

  /** Builds the prompt and asks {@code assistant}; the offline assistant answers with the prompt. */
  public AiAnswer ask(TeamId team, IssueId id, AiAssistant assistant) {
    Objects.requireNonNull(assistant, "assistant");
    return assistant.complete(new AiRequest(team, PURPOSE, build(team, id), MAX_OUTPUT_TOKENS));
  }

  private static void facts(StringBuilder sb, Issue issue) {
    sb.append("## Issue\n")
        .append("Title: ").append(issue.title()).append('\n')
        .append("Culprit: ").append(issue.culprit()).append('\n')
        .append("Status: ").append(issue.status()).append(", level ").append(issue.level().wireName()).append('\n')
        .append("Events: ").append(issue.count()).append(", users affected: ").append(issue.usersAffected()).append('\n')
        .append("First seen: ").append(issue.firstSeen()).append(", last seen: ").append(issue.lastSeen()).append('\n')
        .append("First release: ").append(orNone(issue.firstRelease()))
        .append(", latest release: ").append(orNone(issue.lastRelease())).append('\n');
    if (issue.regressions() > 0) {
      sb.append("Regressed ").append(issue.regressions()).append(" time(s) after being resolved.\n");
    }
  }

  private static void event(StringBuilder sb, ErrorEvent e) {
    sb.append("\n## Latest event ").append(e.eventId()).append(" at ").append(e.timestamp()).append('\n');
    if (e.environment() != null) {
      sb.append("Environment: ").append(e.environment()).append('\n');
    }
    if (e.transaction() != null) {
      sb.append("Transaction: ").append(e.transaction()).append('\n');
    }
    if (e.logEntry() != null && e.logEntry().displayText() != null) {
      sb.append("Message: ").append(e.logEntry().displayText()).append('\n');
    }
    if (!e.exceptions().isEmpty()) {
      sb.append("\n## Exception chain (outermost first)\n");
      List<ExceptionValue> chain = e.exceptions();
      for (int i = chain.size() - 1; i >= 0; i--) {
        exception(sb, chain.get(i), i < chain.size() - 1);
      }
    }
    breadcrumbs(sb, e.breadcrumbs());
    if (!e.tags().isEmpty()) {
      sb.append("\n## Tags\n");
      for (Map.Entry<String, String> t : e.tags().entrySet()) {
        sb.append(t.getKey()).append('=').append(t.getValue()).append('\n');
      }
    }
  }

  private static void exception(StringBuilder sb, ExceptionValue ex, boolean cause) {
    sb.append(cause ? "Caused by: " : "").append(ex.qualifiedType())
        .append(ex.value() == null ? "" : ": " + ex.value()).append('\n');
    List<StackFrame> frames = ex.frames();
    int collapsed = 0;
    // Print callee first, like a Java stack trace, with library frames folded into a count.
    for (int i = frames.size() - 1; i >= 0; i--) {
      StackFrame f = frames.get(i);
      if (!f.isInApp()) {
        collapsed++;
        continue;
      }
      if (collapsed > 0) {
        sb.append("    ... ").append(collapsed).append(" library frame(s)\n");
        collapsed = 0;
      }
      sb.append("    at ").append(f.module()).append('.').append(f.function()).append('(')
          .append(f.filename() == null ? "Unknown Source" : f.filename())
          .append(f.lineno() == null ? "" : ":" + f.lineno()).append(")  [in-app]\n");
    }
    if (collapsed > 0) {
      sb.append("    ... ").append(collapsed).append(" library frame(s)\n");
    }
  }

  private static void breadcrumbs(StringBuilder sb, List<Breadcrumb> crumbs) {
    if (crumbs.isEmpty()) {
      return;
    }
    sb.append("\n## Breadcrumbs (oldest first)\n");
    for (Breadcrumb b : crumbs.subList(Math.max(0, crumbs.size() - MAX_BREADCRUMBS), crumbs.size())) {
      sb.append(b.timestamp()).append(' ').append(b.level().wireName()).append(' ')
          .append(b.category() == null ? "" : b.category()).append(": ")
          .append(b.message() == null ? "" : b.message()).append('\n');
    }
  }

  private static String orNone(String s) {
    return s == null ? "(none)" : s;
  }
}
