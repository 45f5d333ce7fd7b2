package dev.obskit.incidents.notify;

import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Link;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Recipient;
import dev.obskit.core.notify.Urgency;

/** Hand-built notifications for the channel tests. */
final class Notifications {
  private Notifications() {}

  static Notification sample(ChannelKind channel, String address) {
    return Notification.builder("inc-7-p1-1", TeamId.of("team-a"),
            new Recipient(channel, address, "Alice"))
        .setTitle("[SEV1] Checkout: HTTP 503 on /pay")
        .setBody("HTTP 503 on /pay")
        .setSeverity(AlertSeverity.CRITICAL)
        .setUrgency(Urgency.HIGH)
        .setSubjectRef("inc-7")
        .putField("Service", "Checkout")
        .putField("Severity", "SEV1")
        .addLink(new Link("Incident inc-7", "https://obs.example/i/team-a/inc-7"))
        .addLink(new Link("Runbook", "https://runbooks.example/checkout"))
        .setAcknowledgeAction(new Link("Acknowledge", "https://obs.example/i/team-a/inc-7/acknowledge?token=t1"))
        .setResolveAction(new Link("Resolve", "https://obs.example/i/team-a/inc-7/resolve?token=t2"))
        .build();
  }
}
