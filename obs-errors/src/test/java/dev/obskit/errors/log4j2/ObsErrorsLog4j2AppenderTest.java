package dev.obskit.errors.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.issue.Issue;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

/** Log4j2 configured from src/test/resources/log4j2-test.xml. */
class ObsErrorsLog4j2AppenderTest {
  private static final Logger log = LogManager.getLogger("com.shop.Inventory");

  @Test
  void log4j2Errors_capturedWithThrowable_idsParameterised_breadcrumbsFromInfo() {
    try (ObsKit kit = TestKits.kit(ManualClock.startingAt(TestKits.START), TestKits.project().build(),
        b -> b.setInstallGlobalTracker(true))) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      log.info("restock {} started", "sku-1");
      log.error("Stock for item {} is negative", 12);
      log.error("Stock for item {} is negative", 13);
      log.fatal("Warehouse {} unreachable", "eu-1", new java.net.ConnectException("refused"));
      log.debug("not even a breadcrumb");
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();

      List<Issue> issues = errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items();
      assertThat(issues).extracting(Issue::count).containsExactlyInAnyOrder(2L, 1L);
      Issue fatal = issues.stream().filter(i -> i.level() == Level.FATAL).findFirst().orElseThrow();
      ErrorEvent e = errors.events().latest(TestKits.TEAM, fatal.id(), 1).get(0).event();
      assertThat(e.mainException().type()).isEqualTo("ConnectException");
      assertThat(e.logEntry().formatted()).isEqualTo("Warehouse eu-1 unreachable");
      assertThat(e.logEntry().params()).containsExactly("eu-1");
      assertThat(e.logger()).isEqualTo("com.shop.Inventory");
      assertThat(e.breadcrumbs()).extracting(Breadcrumb::message).containsExactly("restock sku-1 started");
    }
  }
}
