package dev.obskit.incidents.chat;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentService;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.incident.TransitionResult;
import dev.obskit.incidents.oncall.OnCallDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a chat user can do, shared by Slack buttons, the Slack slash command and Teams: acknowledge
 * or resolve an incident, ask who is on call, open an incident. Answers are plain text for the
 * chat; refusals (already acknowledged, unknown incident) are answers too. Thread-safe.
 */
final class ChatActions {
  static final String HELP = "usage: ack <incident> | resolve <incident> | oncall [schedule]"
      + " | incident <title>";
  private static final int MAX_TITLE = 200;

  private final IncidentService incidents;
  private final TeamId team;
  private final OnCallDirectory onCall;
  private final List<ScheduleId> schedules;
  private final EscalationPolicyId policy;
  private final Clock clock;

  ChatActions(IncidentService incidents, TeamId team, OnCallDirectory onCall,
      List<ScheduleId> schedules, EscalationPolicyId policy, Clock clock) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.team = Objects.requireNonNull(team, "team");
    this.onCall = Objects.requireNonNull(onCall, "onCall");
    this.schedules = List.copyOf(schedules);
    this.policy = policy;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  TeamId team() {
    return team;
  }

  String acknowledge(String incident, String by) {
    return answer(incidents.acknowledge(team, IncidentId.of(incident), by), "acknowledged", by);
  }

  String resolve(String incident, String by) {
    return answer(incidents.resolve(team, IncidentId.of(incident), by, "resolved from chat"),
        "resolved", by);
  }

  /** Runs a command line such as {@code "ack inc-7"}; unknown commands answer with the usage. */
  String command(String line, String by) {
    String text = line == null ? "" : line.strip();
    int space = text.indexOf(' ');
    String verb = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : text.substring(space + 1).strip();
    try {
      return switch (verb) {
        case "ack", "acknowledge" -> rest.isEmpty() ? HELP : acknowledge(rest, by);
        case "resolve" -> rest.isEmpty() ? HELP : resolve(rest, by);
        case "oncall" -> oncall(rest);
        case "incident" -> open(rest, by);
        default -> HELP;
      };
    } catch (IllegalArgumentException e) {
      return "cannot " + verb + ": " + e.getMessage();
    }
  }

  private String oncall(String schedule) {
    List<ScheduleId> which = schedule.isEmpty() ? schedules : List.of(ScheduleId.of(schedule));
    if (which.isEmpty()) {
      return "no schedule configured; try: oncall <schedule>";
    }
    return which.stream().map(s -> {
      List<UserId> users = onCall.whoIsOnCall(team, s, clock.instant());
      return s + ": " + (users.isEmpty() ? "nobody"
          : users.stream().map(UserId::value).collect(Collectors.joining(", ")));
    }).collect(Collectors.joining("\n"));
  }

  private String open(String title, String by) {
    if (title.isEmpty()) {
      return HELP;
    }
    String t = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    TransitionResult r = incidents.open(new IncidentDraft(team, t, Severity.SEV3, null, policy, "",
        by, Map.of()));
    return r.incident().map(i -> "opened " + i.id() + ": " + i.title()).orElse(r.describe());
  }

  private static String answer(TransitionResult r, String verb, String by) {
    if (r.isApplied()) {
      return r.incident().orElseThrow().id() + " " + verb + " by " + by;
    }
    return r.describe();
  }
}
