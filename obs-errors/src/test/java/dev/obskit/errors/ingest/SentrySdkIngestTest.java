package dev.obskit.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.IngestHttpServer;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.grouping.GroupingStrategy;
import dev.obskit.errors.issue.Issue;
import dev.obskit.errors.issue.StoredEvent;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real sentry-java SDK sending to the handler over HTTP. */
class SentrySdkIngestTest {
  private ObsKit kit;
  private IngestHttpServer server;
  private ErrorsModule errors;

  private void start(ProjectConfig project) throws Exception {
    kit = TestKits.kit(ManualClock.startingAt(TestKits.START), project);
    errors = kit.module(ErrorsModule.class);
    server = new IngestHttpServer(errors.ingestHandler());
    Sentry.init(options -> {
      options.setDsn(server.dsn(TestKits.KEY, TestKits.PROJECT.value()));
      options.setEnableUncaughtExceptionHandler(false);
      options.setEnableShutdownHook(false);
      options.setServerName("test-host");
      options.setRelease("shop@1.0.0");
      options.setEnvironment("test");
      options.setMaxQueueSize(200);
      options.addInAppInclude("dev.obskit.errors");
    });
  }

  @AfterEach
  void tearDown() {
    Sentry.close();
    if (server != null) {
      server.close();
    }
    if (kit != null) {
      kit.close();
    }
  }

  private List<Issue> issues() {
    return errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first(100)).items();
  }

  private long eventsReceived() {
    return errors.ingestHandler().stats().events();
  }

  private void flushAndAwait(long events) {
    Sentry.flush(10_000);
    await().atMost(Duration.ofSeconds(20)).until(() -> eventsReceived() >= events);
  }

  static void orderSite(String message) {
    throw new IllegalStateException(message);
  }

  static void paymentSite(String message) {
    throw new IllegalStateException(message);
  }

  private static RuntimeException thrownBy(Runnable site) {
    try {
      site.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("site did not throw");
  }

  @Test
  void sdk_sameThrowSiteDifferentMessages_oneGroup() throws Exception {
    start(TestKits.project().build());
    for (String message : List.of("Order 123 failed", "totally different text", "third")) {
      Sentry.captureException(thrownBy(() -> orderSite(message)));
    }
    flushAndAwait(3);
    assertThat(issues()).hasSize(1);
    Issue issue = issues().get(0);
    assertThat(issue.count()).isEqualTo(3);
    assertThat(issue.strategy()).isEqualTo(GroupingStrategy.APP_STACKTRACE);
    assertThat(issue.firstRelease()).isEqualTo("shop@1.0.0");
    assertThat(issue.culprit()).isEqualTo("dev.obskit.errors.ingest.SentrySdkIngestTest in orderSite");
    StoredEvent stored = errors.events().latest(TestKits.TEAM, issue.id(), 1).get(0);
    assertThat(stored.event().mainException().type()).isEqualTo("IllegalStateException");
    assertThat(stored.event().environment()).isEqualTo("test");
    assertThat(stored.event().serverName()).isEqualTo("test-host");
  }

  @Test
  void sdk_sameTypeFromTwoCallSites_twoGroups() throws Exception {
    start(TestKits.project().build());
    Sentry.captureException(thrownBy(() -> orderSite("same message")));
    Sentry.captureException(thrownBy(() -> paymentSite("same message")));
    Sentry.captureException(thrownBy(() -> paymentSite("same message")));
    flushAndAwait(3);
    assertThat(issues()).extracting(Issue::count).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void sdk_chainedCauses_rootCauseFirstAndGrouped() throws Exception {
    start(TestKits.project().build());
    for (int i = 0; i < 2; i++) {
      RuntimeException inner = thrownBy(() -> paymentSite("inner cause " + System.nanoTime()));
      Sentry.captureException(new RuntimeException("Order " + System.nanoTime() + " failed", inner));
    }
    flushAndAwait(2);
    assertThat(issues()).hasSize(1);
    StoredEvent stored = errors.events().latest(TestKits.TEAM, issues().get(0).id(), 1).get(0);
    assertThat(stored.event().exceptions()).extracting(e -> e.type())
        .containsExactly("IllegalStateException", "RuntimeException");
  }

  @Test
  void sdk_captureMessage_groupsByTheCapturingStack_notTheText() throws Exception {
    start(TestKits.project().build());
    // sentry-java attaches the capturing thread's stack: same call site, one group whatever the
    // text; another call site, another group (Sentry: a stack beats the message).
    userLookup("User 42 not found");
    userLookup("Cache for tenant acme is cold");
    cartExpiry("User 42 not found");
    flushAndAwait(3);
    assertThat(issues()).extracting(Issue::title, Issue::count).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("User 42 not found", 2L),
        org.assertj.core.groups.Tuple.tuple("User 42 not found", 1L));
  }

  private static void userLookup(String message) {
    Sentry.captureMessage(message);
  }

  private static void cartExpiry(String message) {
    Sentry.captureMessage(message, SentryLevel.WARNING);
  }

  @Test
  void sdk_customFingerprint_overridesGrouping() throws Exception {
    start(TestKits.project().build());
    Sentry.captureException(thrownBy(() -> orderSite("a")), s -> s.setFingerprint(List.of("checkout-down")));
    Sentry.captureException(thrownBy(() -> paymentSite("b")), s -> s.setFingerprint(List.of("checkout-down")));
    Sentry.captureException(thrownBy(() -> paymentSite("c")));
    flushAndAwait(3);
    assertThat(issues()).hasSize(2);
    assertThat(issues()).filteredOn(i -> i.strategy() == GroupingStrategy.FINGERPRINT)
        .singleElement().extracting(Issue::count).isEqualTo(2L);
  }

  @Test
  void sdk_overQuota_gets429AndStopsSending() throws Exception {
    start(TestKits.project().setMonthlyQuota(2).build());
    for (int i = 0; i < 3; i++) {
      Sentry.captureException(thrownBy(() -> orderSite("x")));
      Sentry.flush(10_000);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> errors.ingestHandler().stats().rateLimited() >= 1);
    Sentry.captureException(thrownBy(() -> orderSite("after limit")));
    Sentry.flush(5_000);
    assertThat(eventsReceived()).isEqualTo(2);
    assertThat(errors.quotas().usedThisMonth(TestKits.PROJECT)).isEqualTo(2);
    // The SDK honours X-Sentry-Rate-Limits: the fourth event never reaches the server.
    assertThat(errors.ingestHandler().stats().rateLimited()).isEqualTo(1);
  }

  @Test
  void sdk_piiScrubbedUnlessProjectSendsPii() throws Exception {
    start(TestKits.project().build());
    Sentry.captureException(thrownBy(() -> orderSite("login failed for jane.doe@example.com password=hunter2")));
    flushAndAwait(1);
    StoredEvent stored = errors.events().latest(TestKits.TEAM, issues().get(0).id(), 1).get(0);
    assertThat(stored.event().mainException().value()).doesNotContain("jane.doe@example.com", "hunter2");
  }
}
