package dev.obskit.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incidents section of the demo: its schedule (a masked rotation and a second rotation at the
 * same priority level) pages both users, and the Slack fake's button click acknowledges.
 */
class DemoIncidentsTest {
  @TempDir
  Path dir;

  @Test
  void demo_pagesBothOnCallUsers_andAcknowledgesFromTheSlackButton() throws Exception {
    // A Wednesday noon: the masked layer covers Wednesday and Thursday (alice), the weekly one bob.
    ManualClock clock = ManualClock.startingAt("2026-07-01T12:00:00Z");
    DemoEnvironment env = DemoEnvironment.create(clock, dir);
    ObsKitBuilder builder = ObsKit.builder().setClock(clock);
    IncidentsDemo demo = new IncidentsDemo();
    demo.addModules(builder, env);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObsKit kit = builder.build().start();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      demo.run(kit, env, out);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);

    assertThat(printed).contains("on call now for demo-primary: [bob, alice]")
        .contains("webhook receiver <- POST /page/alice  signature VALID")
        .contains("webhook receiver <- POST /page/bob    signature VALID")
        .contains("Slack fake <- message in #demo-incidents: [SEV1] Website: checkout-api: HTTP 503"
            + " on /health [Acknowledge] [Resolve]")
        .containsPattern("carol clicks Acknowledge -> POST /slack/interactivity \\(v0 signed\\) -> 200"
            + " \\{\"text\":\"\\S+ acknowledged by slack:U0CAROL\"}")
        .containsPattern("Slack fake <- response_url: \\{\"replace_original\":false,\"text\":\"\\S+"
            + " acknowledged by slack:U0CAROL\"}")
        .containsPattern("ACKNOWLEDGED +acknowledged by slack:U0CAROL");
  }
}
