package dev.obskit.uptime;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.uptime.check.ExpiryThresholds;
import dev.obskit.uptime.check.Monitor;
import java.time.Duration;
import java.time.Instant;

/**
 * Raises a WARNING alert each time an expiry date (certificate or domain) crosses one of the
 * monitor's thresholds (30, 14, 7, 1 days by default): the first crossing opens the alert, each
 * lower threshold re-triggers it (merged under the same dedup key, with the new summary), and a
 * renewal beyond the highest threshold resolves it. Thread-safe (synchronized).
 */
final class ExpiryWatcher {
  private final String what;
  private final String keyPrefix;
  private int lastThreshold = -1;

  ExpiryWatcher(String what, String keyPrefix) {
    this.what = what;
    this.keyPrefix = keyPrefix;
  }

  synchronized void observe(Monitor m, ExpiryThresholds thresholds, Instant expiresAt,
      Instant now, AlertManager alerts) {
    long daysLeft = Math.floorDiv(Duration.between(now, expiresAt).toSeconds(), 86_400L);
    int reached = thresholds.reached(daysLeft);
    String key = keyPrefix + m.id().value();
    if (reached == -1) {
      if (lastThreshold != -1) {
        alerts.resolve(m.teamId(), key, "obs-uptime: " + what + " renewed");
        lastThreshold = -1;
      }
      return;
    }
    if (lastThreshold == -1 || reached < lastThreshold) {
      lastThreshold = reached;
      String when = daysLeft < 0 ? "expired " + (-daysLeft) + " days ago"
          : "expires in " + daysLeft + " days";
      alerts.trigger(Alert.builder(m.teamId(), key)
          .setSource("obs-uptime/" + m.id())
          .setSeverity(AlertSeverity.WARNING)
          .setComponent(m.name())
          .setSummary(what + " of " + m.name() + " " + when + " (" + expiresAt + ")")
          .putDetail("expiresAt", expiresAt.toString())
          .putDetail("daysLeft", Long.toString(daysLeft))
          .putDetail("threshold", Integer.toString(reached))
          .build());
    }
  }
}
