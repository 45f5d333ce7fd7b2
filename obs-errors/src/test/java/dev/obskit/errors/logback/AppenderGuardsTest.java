package dev.obskit.errors.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.capture.AppenderGate;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.log4j2.ObsErrorsLog4j2Appender;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * Both appenders: no silent loss when no errors module is started (a warning once, in the logging
 * framework's status, and the appender's status), and ObsKit's own and its dependencies' log lines
 * never become issues.
 */
class AppenderGuardsTest {
  private static Logger logbackLogger(LoggerContext ctx, ObsErrorsAppender appender, String name) {
    Logger logger = ctx.getLogger(name);
    logger.addAppender(appender);
    logger.setAdditive(false);
    return logger;
  }

  private static long noTrackerWarnings(LoggerContext ctx) {
    return ctx.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() == Status.WARN && s.getMessage().contains("no ObsKit errors module"))
        .count();
  }

  @Test
  void logback_noModuleStarted_warnsOnceInStatus_andReportsIt() {
    LoggerContext ctx = new LoggerContext();
    ObsErrorsAppender appender = new ObsErrorsAppender();
    appender.setContext(ctx);
    appender.start();
    Logger logger = logbackLogger(ctx, appender, "com.shop.Checkout");
    logger.error("payment failed");
    logger.error("payment failed again");
    assertThat(noTrackerWarnings(ctx)).isEqualTo(1);
    assertThat(appender.isCapturing()).isFalse();
    assertThat(appender.getCaptureStatus()).startsWith(AppenderGate.NO_TRACKER).endsWith("2 events missed");
  }

  @Test
  void logback_obskitAndDependencyLoggers_neverBecomeIssues() {
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build())) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      LoggerContext ctx = new LoggerContext();
      ObsErrorsAppender appender = new ObsErrorsAppender();
      appender.setContext(ctx);
      appender.setTracker(errors.tracker());
      appender.start();
      for (String name : List.of("dev.obskit.telemetry.Exporter", "net.openhft.chronicle.queue.impl.single.StoreTailer",
          "okhttp3.internal.connection.RealCall", "io.sentry.SentryClient")) {
        logbackLogger(ctx, appender, name).error("routine library error", new IllegalStateException(name));
      }
      logbackLogger(ctx, appender, "com.shop.Checkout").error("the host's own error");
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();
      List<Issue> issues = errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items();
      assertThat(issues).extracting(Issue::title).containsExactly("the host's own error");
      assertThat(appender.isCapturing()).isTrue();
      assertThat(appender.getCaptureStatus()).isEqualTo("capturing");
    }
  }

  private static Log4jLogEvent log4jError(String logger, String message) {
    return Log4jLogEvent.newBuilder().setLoggerName(logger)
        .setLevel(org.apache.logging.log4j.Level.ERROR).setMessage(new SimpleMessage(message))
        .setThrown(new IllegalStateException(message)).build();
  }

  @Test
  void log4j2_noModuleStarted_reportsIt_andIgnoresLibraryLoggers() {
    ObsErrorsLog4j2Appender appender = ObsErrorsLog4j2Appender.newBuilder().setName("obs").build();
    appender.start();
    appender.append(log4jError("com.shop.Inventory", "stock negative"));
    assertThat(appender.isCapturing()).isFalse();
    assertThat(appender.getCaptureStatus()).startsWith(AppenderGate.NO_TRACKER).endsWith("1 events missed");

    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build())) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      appender.setTracker(errors.tracker());
      appender.append(log4jError("net.openhft.chronicle.wire.Wires", "library noise"));
      appender.append(log4jError("dev.obskit.uptime.Checker", "own noise"));
      appender.append(log4jError("com.shop.Inventory", "stock negative"));
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();
      assertThat(errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items())
          .extracting(Issue::title).containsExactly("IllegalStateException: stock negative");
      assertThat(appender.getCaptureStatus()).isEqualTo("capturing");
    }
  }
}
