package dev.obskit.errors.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
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
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * MDC, markers and the logging thread, with real Logback configuration files:
 * src/test/resources/logback-test.xml (every MDC entry a tag) and logback-context-tags.xml (a
 * whitelist, behind an AsyncAppender).
 */
class ObsErrorsAppenderContextTest {
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
  void defaultConfig_everyMdcEntryAndTheMarkerBecomeTags_threadIsTheLoggingThread() throws Exception {
    Logger log = LoggerFactory.getLogger("com.shop.Payments");
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setInstallGlobalTracker(true))) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      logOnThread("checkout-worker-1", () -> {
        errors.tracker().scope().setTag("tenant", "from-scope").setTag("region", "eu-1");
        MDC.put("requestId", "r-17");
        MDC.put("tenant", "acme");
        try {
          log.error(MarkerFactory.getMarker("PAYMENT"), "Charge {} failed", 5,
              new IllegalStateException("declined"));
        } finally {
          MDC.clear();
        }
      });
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();

      ErrorEvent e = onlyEvent(errors);
      assertThat(e.tags()).containsEntry("requestId", "r-17")
          .containsEntry("tenant", "acme")          // the log event's own value wins over the scope's
          .containsEntry("region", "eu-1")
          .containsEntry("marker", "PAYMENT");
      assertThat(e.contexts()).doesNotContainKey("MDC");
      assertThat(e.contexts().get("thread")).isEqualTo(Map.of("name", "checkout-worker-1"));
      assertThat(e.logger()).isEqualTo("com.shop.Payments");
    }
  }

  @Test
  void whitelistConfig_onlyListedKeysAreTags_restGoesToScrubbedMdcContext_behindAsyncAppender()
      throws Exception {
    LoggerContext context = new LoggerContext();
    // A second Logback context shares SLF4J's MDC, as the default one does.
    context.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback-context-tags.xml"));
    ObsErrorsAppender appender = (ObsErrorsAppender) ((ch.qos.logback.classic.AsyncAppender)
        context.getLogger("ROOT").getAppender("ASYNC")).getAppender("OBS_ERRORS");
    assertThat(appender.getContextTags()).containsExactlyInAnyOrder("requestId", "tenant");
    Logger log = context.getLogger("com.shop.Orders");

    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setInstallGlobalTracker(true))) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      logOnThread("order-handler-3", () -> {
        MDC.put("requestId", "r-99");
        MDC.put("tenant", "acme");
        MDC.put("customer", "jane@example.com");
        MDC.put("route", "/orders");
        try {
          log.error("Order {} rejected", 12, new IllegalArgumentException("no stock"));
        } finally {
          MDC.clear();
        }
      });
      context.stop();   // drains the AsyncAppender
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();

      ErrorEvent e = onlyEvent(errors);
      assertThat(e.tags()).containsOnlyKeys("requestId", "tenant")
          .containsEntry("requestId", "r-99");
      assertThat(e.contexts().get("MDC"))
          .isEqualTo(Map.of("customer", "[Filtered]", "route", "/orders"));
      // The async appender's worker delivered it, but the thread is the one that logged.
      assertThat(e.contexts().get("thread")).isEqualTo(Map.of("name", "order-handler-3"));
    } finally {
      context.stop();
    }
  }
}
