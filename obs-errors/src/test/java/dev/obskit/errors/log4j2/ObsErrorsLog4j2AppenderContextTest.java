package dev.obskit.errors.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.issue.Issue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

/**
 * ThreadContext, markers and the logging thread, with real Log4j2 configuration files:
 * src/test/resources/log4j2-test.xml (every entry a tag) and log4j2-context-tags.xml (a whitelist).
 */
class ObsErrorsLog4j2AppenderContextTest {
  private static ErrorEvent onlyEvent(ErrorsModule errors) {
    List<Issue> issues = errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items();
    assertThat(issues).hasSize(1);
    return errors.events().latest(TestKits.TEAM, issues.get(0).id(), 1).get(0).event();
  }

  private static void logOnThread(String threadName, Runnable body) throws InterruptedException {
    Thread t = new Thread(body, threadName);
    t.start();
    t.join(10_000);
  }

  @Test
  void defaultConfig_everyThreadContextEntryAndTheMarkerBecomeTags() throws Exception {
    Logger log = LogManager.getLogger("com.shop.Shipping");
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setInstallGlobalTracker(true))) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      logOnThread("shipping-2", () -> {
        ThreadContext.put("requestId", "r-5");
        ThreadContext.put("carrier", "dhl");
        try {
          log.error(MarkerManager.getMarker("SHIPMENT"), "Label {} failed", "L-1",
              new IllegalStateException("printer offline"));
        } finally {
          ThreadContext.clearMap();
        }
      });
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();

      ErrorEvent e = onlyEvent(errors);
      assertThat(e.tags()).containsEntry("requestId", "r-5").containsEntry("carrier", "dhl")
          .containsEntry("marker", "SHIPMENT");
      assertThat(e.contexts()).doesNotContainKey("MDC");
      assertThat(e.contexts().get("thread")).isEqualTo(Map.of("name", "shipping-2"));
      assertThat(e.logger()).isEqualTo("com.shop.Shipping");
    }
  }

  @Test
  void whitelistConfig_onlyListedKeysAreTags_restGoesToMdcContext() throws Exception {
    LoggerContext context = Configurator.initialize("obs-context-tags",
        getClass().getClassLoader(), getClass().getResource("/log4j2-context-tags.xml").toURI());
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setInstallGlobalTracker(true))) {
      ObsErrorsLog4j2Appender appender = context.getConfiguration().getAppender("obs");
      assertThat(appender.contextTags()).containsExactlyInAnyOrder("requestId", "tenant");
      ErrorsModule errors = kit.module(ErrorsModule.class);
      org.apache.logging.log4j.core.Logger log = context.getLogger("com.shop.Billing");
      logOnThread("billing-1", () -> {
        ThreadContext.put("requestId", "r-8");
        ThreadContext.put("tenant", "acme");
        ThreadContext.put("invoice", "INV-3");
        try {
          log.error("Invoice {} not sent", "INV-3", new IllegalStateException("smtp down"));
        } finally {
          ThreadContext.clearMap();
        }
      });
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();

      ErrorEvent e = onlyEvent(errors);
      assertThat(e.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("requestId", "r-8", "tenant", "acme"));
      assertThat(e.contexts().get("MDC")).isEqualTo(Map.of("invoice", "INV-3"));
      assertThat(e.contexts().get("thread")).isEqualTo(Map.of("name", "billing-1"));
    } finally {
      Configurator.shutdown(context);
    }
  }
}
