package dev.obskit.incidents.escalation;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import java.util.Objects;

/** Whom an {@link EscalationStep} pages. Immutable. */
public sealed interface EscalationTarget {

  /** Pages one user through their contact methods for the incident's urgency. */
  record User(UserId user) implements EscalationTarget {
    /** Validates the user. */
    public User {
      Objects.requireNonNull(user, "user");
    }
  }

  /** Pages whoever is on call for the schedule when the step runs; nobody on call moves on. */
  record OnCall(ScheduleId schedule) implements EscalationTarget {
    /** Validates the schedule. */
    public OnCall {
      Objects.requireNonNull(schedule, "schedule");
    }
  }

  /** Pages every responder of the team. */
  record Team(TeamId team) implements EscalationTarget {
    /** Validates the team. */
    public Team {
      Objects.requireNonNull(team, "team");
    }
  }

  /**
   * Posts to a chat room or HTTP endpoint.
   *
   * @param channel SLACK, MS_TEAMS or WEBHOOK
   * @param url the webhook URL (a secret: never logged or put on the timeline)
   * @param name what the timeline calls it, e.g. {@code "#ops"}
   */
  record Webhook(ChannelKind channel, String url, String name) implements EscalationTarget {
    /** Validates the components; only webhook-style channels are accepted. */
    public Webhook {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(name, "name");
      if (channel != ChannelKind.SLACK && channel != ChannelKind.MS_TEAMS
          && channel != ChannelKind.WEBHOOK) {
        throw new IllegalArgumentException("a webhook target needs SLACK, MS_TEAMS or WEBHOOK, got "
            + channel + " for " + name);
      }
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("webhook URL for " + name + " must be http(s)");
      }
    }

    /** Hides the URL, which carries the webhook's secret. */
    @Override
    public String toString() {
      return "Webhook[channel=" + channel + ", name=" + name + ", url=(hidden)]";
    }
  }

  /** Hands the incident over to another policy, which starts from its first step. */
  record Policy(EscalationPolicyId policy) implements EscalationTarget {
    /** Validates the policy. */
    public Policy {
      Objects.requireNonNull(policy, "policy");
    }
  }
}
