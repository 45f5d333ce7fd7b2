package dev.obskit.samples.quickstart;

import dev.obskit.core.ObsKit;
import dev.obskit.core.alert.Alert;
import dev.obskit.core.alert.AlertEvent;
import dev.obskit.core.alert.AlertManager;
import dev.obskit.core.alert.AlertResult;
import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.event.Subscription;
import dev.obskit.core.privacy.PiiScrubber;
import java.io.PrintStream;
import java.time.Duration;

/** The core contracts on their own: alert dedup semantics, the event bus, the PII scrubber. */
final class CoreDemo implements DemoSection {
  @Override
  public String title() {
    return "obs-core: alerts with PagerDuty-style dedup keys, event bus, PII scrubbing";
  }

  @Override
  public void run(ObsKit kit, DemoEnvironment env, PrintStream out) {
    AlertManager alerts = kit.context().alerts();
    Subscription printer = kit.context().eventBus().subscribe(AlertEvent.class,
        e -> out.printf("  event bus  -> %-12s %s (revision %d)%n", e.action(), e.alert().dedupKey(),
            e.alert().revision()));
    try {
      Alert diskFull = Alert.builder(env.team(), "demo:disk-full")
          .setSource("demo").setSeverity(AlertSeverity.WARNING)
          .setSummary("disk /var at 91%").build();
      print(out, "trigger", alerts.trigger(diskFull));
      env.clock().advance(Duration.ofMinutes(1));
      print(out, "trigger again", alerts.trigger(diskFull));
      print(out, "resolve", alerts.resolve(env.team(), "demo:disk-full", "demo"));
      print(out, "trigger after resolve", alerts.trigger(diskFull));
      alerts.resolve(env.team(), "demo:disk-full", "demo");
    } finally {
      printer.close();
    }
    PiiScrubber scrubber = kit.context().scrubber();
    String line = "login failed for jane.doe@example.com with password=hunter2, card 4111 1111 1111 1111";
    out.println("  scrubbed   -> " + scrubber.scrubText(line));
  }

  private static void print(PrintStream out, String what, AlertResult result) {
    out.printf("  %-22s %s: alert %s, %d trigger(s)%n", what, result.outcome(),
        result.alert().id(), result.alert().triggerCount());
  }
}
