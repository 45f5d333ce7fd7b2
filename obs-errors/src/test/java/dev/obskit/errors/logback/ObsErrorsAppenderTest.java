package dev.obskit.errors.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.grouping.GroupingStrategy;
import dev.obskit.errors.issue.Issue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback configured from src/test/resources/logback-test.xml, logging through SLF4J. */
class ObsErrorsAppenderTest {
  private static final Logger log = LoggerFactory.getLogger("com.shop.Checkout");

  @Test
  void logbackErrors_capturedWithTemplateAndThrowable_breadcrumbsFromInfo_dedupedWithDirectCapture() {
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setInstallGlobalTracker(true))) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      log.info("cart {} loaded", 7);
      log.error("User {} not found", 42);
      log.error("User {} not found", 77);
      IllegalStateException ex = new IllegalStateException("gateway timeout");
      log.error("Payment {} failed", 9001, ex);
      assertThat(errors.tracker().capture(ex)).isEqualTo(ErrorTracker.EMPTY_ID);
      log.warn("only a warning {}", 1);
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();

      List<Issue> issues = errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items();
      assertThat(issues).hasSize(2);
      Issue users = issues.stream().filter(i -> i.strategy() == GroupingStrategy.MESSAGE).findFirst().orElseThrow();
      assertThat(users.count()).isEqualTo(2);
      assertThat(users.culprit()).isEqualTo("com.shop.Checkout");
      Issue payment = issues.stream().filter(i -> i.strategy() != GroupingStrategy.MESSAGE).findFirst().orElseThrow();
      ErrorEvent e = errors.events().latest(TestKits.TEAM, payment.id(), 1).get(0).event();
      assertThat(e.logger()).isEqualTo("com.shop.Checkout");
      assertThat(e.logEntry().template()).isEqualTo("Payment {} failed");
      assertThat(e.logEntry().params()).containsExactly("9001");
      assertThat(e.logEntry().formatted()).isEqualTo("Payment 9001 failed");
      assertThat(e.mainException().value()).isEqualTo("gateway timeout");
      assertThat(e.mainException().mechanismType()).isEqualTo("logging");
      assertThat(e.breadcrumbs()).extracting(Breadcrumb::message).containsExactly("cart 7 loaded");
      assertThat(errors.tracker().stats().deduplicated()).isEqualTo(1);
    }
  }
}
