package dev.obskit.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.core.ObsKit;
import dev.obskit.core.store.PageRequest;
import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.Breadcrumb;
import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.Level;
import dev.obskit.errors.event.UserInfo;
import dev.obskit.errors.issue.Issue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorTrackerTest {
  private final ManualClock clock = ManualClock.startingAt(TestKits.START);
  private final List<ErrorEvent> sunk = new CopyOnWriteArrayList<>();
  private AsyncErrorTracker tracker;

  private AsyncErrorTracker tracker(CaptureConfig.Builder config) {
    tracker = ErrorTracker.create(config.build(), clock, sunk::add);
    return tracker;
  }

  @AfterEach
  void tearDown() {
    if (tracker != null) {
      tracker.close(Duration.ofSeconds(5));
    }
  }

  static IllegalStateException failInOrders(String message, Throwable cause) {
    return new IllegalStateException(message, cause);
  }

  @Test
  void capture_convertsChainRootCauseFirst_inAppByPrefix() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder().addInAppPackage("dev.obskit.errors.capture")
        .setRelease("app@1").setEnvironment("prod").setServerName("host-1"));
    String id = t.capture(failInOrders("Order 1 failed", new java.io.IOException("disk full")));
    assertThat(t.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(id).hasSize(32).isNotEqualTo(ErrorTracker.EMPTY_ID);
    ErrorEvent e = sunk.get(0);
    assertThat(e.eventId()).isEqualTo(id);
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.release()).isEqualTo("app@1");
    assertThat(e.environment()).isEqualTo("prod");
    assertThat(e.serverName()).isEqualTo("host-1");
    assertThat(e.timestamp()).isEqualTo(TestKits.START);
    assertThat(e.exceptions()).extracting(ExceptionValue::type, ExceptionValue::module, ExceptionValue::mechanismType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("IOException", "java.io", "chained"),
            org.assertj.core.groups.Tuple.tuple("IllegalStateException", "java.lang", "generic"));
    List<dev.obskit.errors.event.StackFrame> frames = e.mainException().frames();
    dev.obskit.errors.event.StackFrame last = frames.get(frames.size() - 1);
    assertThat(last.module()).isEqualTo(ErrorTrackerTest.class.getName());
    assertThat(last.function()).isEqualTo("failInOrders");
    assertThat(frames.get(frames.size() - 2).function()).isEqualTo("capture_convertsChainRootCauseFirst_inAppByPrefix");
    assertThat(last.inApp()).isTrue();
    assertThat(frames).filteredOn(f -> f.module().startsWith("org.junit.")).allMatch(f -> f.inApp() == null);
  }

  @Test
  void capture_sameThrowableOrItsCauseTwice_deduplicated() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder());
    RuntimeException inner = new RuntimeException("inner");
    assertThat(t.capture(inner)).isNotEqualTo(ErrorTracker.EMPTY_ID);
    assertThat(t.capture(inner)).isEqualTo(ErrorTracker.EMPTY_ID);
    assertThat(t.captureLog(Level.ERROR, "log", null, new RuntimeException("outer", inner)))
        .isEqualTo(ErrorTracker.EMPTY_ID);
    assertThat(t.capture(new RuntimeException("inner"))).isNotEqualTo(ErrorTracker.EMPTY_ID);
    t.flush(Duration.ofSeconds(5));
    assertThat(sunk).hasSize(2);
    assertThat(t.stats().deduplicated()).isEqualTo(2);
  }

  @Test
  void capture_sampleRateZero_skippedBeforeAnyWork() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder().setSampleRate(0.0));
    for (int i = 0; i < 10; i++) {
      assertThat(t.capture(new RuntimeException())).isEqualTo(ErrorTracker.EMPTY_ID);
    }
    assertThat(t.stats().sampledOut()).isEqualTo(10);
    assertThat(t.stats().captured()).isZero();
  }

  @Test
  void beforeSend_nullOrThrowing_dropsEvent_changedEventDelivered() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder().setBeforeSend(e -> {
      String msg = e.mainException() == null ? e.logEntry().formatted() : e.mainException().value();
      if (msg.equals("drop")) {
        return null;
      }
      if (msg.equals("throw")) {
        throw new IllegalArgumentException("hook bug");
      }
      return e.toBuilder().tag("hooked", "yes").build();
    }));
    t.capture(new RuntimeException("drop"));
    t.capture(new RuntimeException("throw"));
    t.captureMessage("keep");
    t.flush(Duration.ofSeconds(5));
    assertThat(sunk).singleElement().satisfies(e -> assertThat(e.tags()).containsEntry("hooked", "yes"));
    assertThat(t.stats().filtered()).isEqualTo(2);
    assertThat(t.stats().delivered()).isEqualTo(1);
  }

  @Test
  void scopes_threadTagsWinOverGlobal_userAndTransactionAttached() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder());
    t.globalScope().setTag("region", "eu").setTag("tier", "free");
    t.scope().setTag("tier", "paid").setUser(UserInfo.ofId("u-7")).setTransaction("/checkout");
    t.captureMessage("with scope", Level.WARNING);
    t.flush(Duration.ofSeconds(5));
    ErrorEvent e = sunk.get(0);
    assertThat(e.tags()).containsEntry("region", "eu").containsEntry("tier", "paid");
    assertThat(e.user().id()).isEqualTo("u-7");
    assertThat(e.transaction()).isEqualTo("/checkout");
    assertThat(e.level()).isEqualTo(Level.WARNING);
    assertThat(e.logEntry().formatted()).isEqualTo("with scope");
  }

  @Test
  void breadcrumbs_boundedRing_keepsNewest() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder().setMaxBreadcrumbs(3));
    for (int i = 1; i <= 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      t.addBreadcrumb(Breadcrumb.of(clock.instant(), "nav", "step " + i));
    }
    assertThat(t.scope().breadcrumbs()).extracting(Breadcrumb::message).containsExactly("step 3", "step 4", "step 5");
    t.globalScope().addBreadcrumb(Breadcrumb.of(TestKits.START.plus(Duration.ofMillis(3500)), "boot", "global"));
    t.captureMessage("x");
    t.flush(Duration.ofSeconds(5));
    assertThat(sunk.get(0).breadcrumbs()).extracting(Breadcrumb::message).containsExactly("global", "step 4", "step 5");
  }

  @Test
  void queueFull_dropsAndCounts_neverBlocksCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    tracker = ErrorTracker.create(CaptureConfig.builder().setQueueCapacity(2).build(), clock, e -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      sunk.add(e);
    });
    for (int i = 0; i < 20; i++) {
      tracker.capture(new RuntimeException("e" + i));
    }
    TrackerStats stats = tracker.stats();
    assertThat(stats.dropped()).isGreaterThanOrEqualTo(17);
    assertThat(stats.captured() + stats.dropped()).isEqualTo(20);
    release.countDown();
    assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(sunk).hasSize((int) stats.captured());
  }

  @Test
  void sinkFailure_countedNotPropagated() {
    tracker = ErrorTracker.create(CaptureConfig.defaults(), clock, e -> {
      throw new IllegalStateException("store down");
    });
    assertThat(tracker.capture(new RuntimeException())).hasSize(32);
    tracker.flush(Duration.ofSeconds(5));
    assertThat(tracker.stats().failed()).isEqualTo(1);
  }

  @Test
  void uncaughtHandler_capturesFatalUnhandled_thenDelegates() throws Exception {
    AsyncErrorTracker t = tracker(CaptureConfig.builder());
    AtomicReference<Throwable> delegated = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      throw new IllegalStateException("crash");
    });
    thread.setUncaughtExceptionHandler(t.uncaughtExceptionHandler((th, ex) -> delegated.set(ex)));
    thread.start();
    thread.join(10_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> delegated.get() != null);
    assertThat(sunk).singleElement().satisfies(e -> {
      assertThat(e.level()).isEqualTo(Level.FATAL);
      assertThat(e.mainException().mechanismType()).isEqualTo("UncaughtExceptionHandler");
      assertThat(e.mainException().handled()).isFalse();
    });
    assertThat(delegated.get()).hasMessage("crash");
  }

  @Test
  void close_thenCapture_dropped() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder());
    t.close(Duration.ofSeconds(1));
    assertThat(t.capture(new RuntimeException())).isEqualTo(ErrorTracker.EMPTY_ID);
    assertThat(t.stats().dropped()).isEqualTo(1);
  }

  @Test
  void capture_nullInputs_ignored() {
    AsyncErrorTracker t = tracker(CaptureConfig.builder());
    assertThat(t.capture(null)).isEqualTo(ErrorTracker.EMPTY_ID);
    assertThat(t.captureLog(Level.ERROR, "x", null, null)).isEqualTo(ErrorTracker.EMPTY_ID);
  }

  @Test
  void module_trackerCaptures_groupedIntoIssues() {
    try (ObsKit kit = TestKits.kit(clock, TestKits.project().build(),
        b -> b.setCapture(CaptureConfig.builder().addInAppPackage("dev.obskit.errors.capture").build()))) {
      ErrorsModule errors = kit.module(ErrorsModule.class);
      for (int i = 0; i < 3; i++) {
        errors.tracker().capture(failInOrders("Order " + i + " failed", null));
      }
      errors.tracker().captureMessage("Cache miss for key 7");
      assertThat(errors.tracker().flush(Duration.ofSeconds(5))).isTrue();
      List<Issue> issues = errors.issues().list(TestKits.TEAM, TestKits.PROJECT, PageRequest.first()).items();
      assertThat(issues).extracting(Issue::count).containsExactlyInAnyOrder(3L, 1L);
    }
  }
}
