package dev.obskit.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.time.ManualClock;
import dev.obskit.errors.TestKits;
import dev.obskit.errors.event.ErrorEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture never blocks, survives failing hooks, and spills to a durable spool instead of dropping. */
class CaptureNeverLosesTest {
  private final ManualClock clock = ManualClock.startingAt(TestKits.START);
  private final List<ErrorEvent> sunk = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private AsyncErrorTracker tracker;

  @TempDir
  Path dir;

  @AfterEach
  void tearDown() {
    if (tracker != null) {
      tracker.close(Duration.ofSeconds(5));
    }
    pool.shutdownNow();
  }

  /** An exception whose hashCode blocks until released, as a badly written subclass might. */
  static final class SlowHashException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient CountDownLatch entered = new CountDownLatch(1);
    final transient CountDownLatch release = new CountDownLatch(1);

    @Override
    public int hashCode() {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 1;
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }
  }

  @Test
  void duplicateCheck_neverCallsHashCode_neverBlocksOtherCapturingThreads() throws Exception {
    tracker = ErrorTracker.create(CaptureConfig.defaults(), clock, sunk::add);
    SlowHashException slow = new SlowHashException();
    Future<String> first = pool.submit(() -> tracker.capture(slow));
    // Today's global lock: the first capture sits in hashCode() inside it, the second waits.
    slow.entered.await(300, TimeUnit.MILLISECONDS);
    Future<String> second = pool.submit(() -> tracker.capture(new IllegalStateException("other")));
    try {
      assertThat(second.get(2, TimeUnit.SECONDS)).isNotEqualTo(ErrorTracker.EMPTY_ID);
      assertThat(first.get(2, TimeUnit.SECONDS)).isNotEqualTo(ErrorTracker.EMPTY_ID);
      assertThat(slow.entered.getCount()).as("hashCode never called").isEqualTo(1);
    } finally {
      slow.release.countDown();
    }
  }

  @Test
  void sameThrowableFromManyThreads_capturedExactlyOnce() throws Exception {
    tracker = ErrorTracker.create(CaptureConfig.defaults(), clock, sunk::add);
    RuntimeException shared = new RuntimeException("shared");
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(pool.submit(() -> {
        go.await();
        return tracker.capture(shared);
      }));
    }
    go.countDown();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    for (Future<String> f : ids) {
      String id = f.get(5, TimeUnit.SECONDS);
      if (!id.equals(ErrorTracker.EMPTY_ID)) {
        accepted.add(id);
      }
    }
    assertThat(accepted).hasSize(1);
    assertThat(tracker.stats().deduplicated()).isEqualTo(7);
    // A cause of an already captured Throwable is a duplicate too; a fresh one is not.
    assertThat(tracker.capture(new IllegalStateException("wrap", shared))).isEqualTo(ErrorTracker.EMPTY_ID);
    assertThat(tracker.capture(new IllegalStateException("fresh"))).isNotEqualTo(ErrorTracker.EMPTY_ID);
  }

  @Test
  void beforeSendThrowingAnError_doesNotStopCapture_countedAndReported() {
    AtomicInteger calls = new AtomicInteger();
    tracker = ErrorTracker.create(CaptureConfig.builder().setBeforeSend(e -> {
      if (calls.incrementAndGet() == 1) {
        throw new StackOverflowError("scrubber recursed");
      }
      return e;
    }).build(), clock, sunk::add);
    tracker.capture(new RuntimeException("first"));
    tracker.capture(new RuntimeException("second"));
    assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(sunk).extracting(e -> e.mainException().value()).containsExactly("second");
    TrackerStats s = tracker.stats();
    assertThat(s.hookFailures()).isEqualTo(1);
    assertThat(s.filtered()).isEqualTo(1);
    assertThat(s.delivered()).isEqualTo(1);
    assertThat(s.pending()).isZero();
  }

  @Test
  void sinkThrowingAnError_countedAsFailed_workerCarriesOn() {
    AtomicInteger calls = new AtomicInteger();
    tracker = ErrorTracker.create(CaptureConfig.defaults(), clock, e -> {
      if (calls.incrementAndGet() == 1) {
        throw new AssertionError("sink broke");
      }
      sunk.add(e);
    });
    tracker.capture(new RuntimeException("first"));
    tracker.capture(new RuntimeException("second"));
    assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(sunk).hasSize(1);
    assertThat(tracker.stats().failed()).isEqualTo(1);
  }

  @Test
  void fullQueue_spillsToTheSpool_everyCaptureDeliveredOnceTheWorkerCatchesUp() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    tracker = ErrorTracker.create(CaptureConfig.builder().setQueueCapacity(2)
        .setSpool(FileCaptureSpool.open(dir, 8 << 20)).build(), clock, e -> {
          awaitQuietly(release);
          sunk.add(e);
        });
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(tracker.capture(new IllegalStateException("burst " + i)));
    }
    assertThat(ids).doesNotContain(ErrorTracker.EMPTY_ID);
    TrackerStats during = tracker.stats();
    assertThat(during.dropped()).isZero();
    assertThat(during.spooled()).isGreaterThanOrEqualTo(197);
    release.countDown();
    assertThat(tracker.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(sunk).extracting(ErrorEvent::eventId).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(tracker.stats().delivered()).isEqualTo(200);
    assertThat(tracker.healthWarning()).isNull();
  }

  @Test
  void fullSpool_dropsWithAnExactCount_andAHealthWarning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    tracker = ErrorTracker.create(CaptureConfig.builder().setQueueCapacity(1)
        .setSpool(FileCaptureSpool.open(dir, 16 * 1024)).build(), clock, e -> {
          awaitQuietly(release);
          sunk.add(e);
        });
    int accepted = 0;
    for (int i = 0; i < 300; i++) {
      if (!tracker.capture(new IllegalStateException("burst " + i)).equals(ErrorTracker.EMPTY_ID)) {
        accepted++;
      }
    }
    TrackerStats s = tracker.stats();
    assertThat(s.dropped()).isPositive().isEqualTo(300 - accepted);
    assertThat(tracker.healthWarning()).isEqualTo(s.dropped() + " captures dropped: the capture spool was full");
    release.countDown();
    assertThat(tracker.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(sunk).hasSize(accepted);
  }

  @Test
  void spooledCaptures_surviveClose_andAreDeliveredByTheNextTracker() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AsyncErrorTracker first = ErrorTracker.create(CaptureConfig.builder().setQueueCapacity(1)
        .setSpool(FileCaptureSpool.open(dir, 8 << 20)).build(), clock, e -> awaitQuietly(never));
    for (int i = 0; i < 20; i++) {
      first.capture(new IllegalStateException("before restart " + i));
    }
    long spooled = first.stats().spooled();
    assertThat(spooled).isGreaterThanOrEqualTo(18);
    never.countDown();
    first.close(Duration.ofSeconds(5));

    tracker = ErrorTracker.create(CaptureConfig.builder()
        .setSpool(FileCaptureSpool.open(dir, 8 << 20)).build(), clock, sunk::add);
    assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(sunk).hasSize((int) spooled);
    assertThat(sunk).allSatisfy(e -> assertThat(e.mainException().value()).startsWith("before restart"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
