package dev.obskit.incidents.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.DeliveryResult;
import dev.obskit.core.notify.DeliveryStatus;
import dev.obskit.core.notify.Notification;
import dev.obskit.core.notify.Notifier;
import dev.obskit.core.notify.RecordingNotifier;
import dev.obskit.core.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {
  private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), 2.0,
      Duration.ofMillis(20));
  private final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
  private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();

  private static void awaitDone(NotificationDispatcher d) {
    await().atMost(Duration.ofSeconds(10)).until(() -> d.pending() == 0);
  }

  @Test
  void retriesOn500_untilDelivered_recordingEveryAttempt() throws Exception {
    try (MockWebServer server = new MockWebServer();
        NotificationDispatcher d = NotificationDispatcher.builder(clock).setRetryPolicy(FAST)
            .addNotifier(new SlackWebhookNotifier()).build()) {
      server.enqueue(new MockResponse().setResponseCode(500));
      server.enqueue(new MockResponse().setResponseCode(503));
      server.enqueue(new MockResponse().setResponseCode(200));
      d.dispatch(Notifications.sample(ChannelKind.SLACK, server.url("/h").toString()), attempts::add);
      awaitDone(d);
      assertThat(server.getRequestCount()).isEqualTo(3);
      assertThat(attempts).extracting(a -> a.attempt() + ":" + a.result().status() + ":" + a.willRetry())
          .containsExactly("1:RETRYABLE_FAILURE:true", "2:RETRYABLE_FAILURE:true", "3:DELIVERED:false");
      assertThat(attempts.get(0).retryIn()).isEqualTo(Duration.ofMillis(5));
      assertThat(attempts.get(1).retryIn()).isEqualTo(Duration.ofMillis(10));
      assertThat(d.deliveredCount()).isEqualTo(1);
    }
  }

  @Test
  void noRetryOn400() throws Exception {
    try (MockWebServer server = new MockWebServer();
        NotificationDispatcher d = NotificationDispatcher.builder(clock).setRetryPolicy(FAST)
            .addNotifier(new TeamsWebhookNotifier()).build()) {
      server.enqueue(new MockResponse().setResponseCode(400));
      server.enqueue(new MockResponse().setResponseCode(200));
      d.dispatch(Notifications.sample(ChannelKind.MS_TEAMS, server.url("/h").toString()), attempts::add);
      awaitDone(d);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(attempts).singleElement().satisfies(a -> {
        assertThat(a.result().status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(a.willRetry()).isFalse();
      });
      assertThat(d.failedCount()).isEqualTo(1);
    }
  }

  @Test
  void givesUpAfterMaxAttempts() throws Exception {
    try (MockWebServer server = new MockWebServer();
        NotificationDispatcher d = NotificationDispatcher.builder(clock).setRetryPolicy(FAST)
            .addNotifier(new SlackWebhookNotifier()).build()) {
      for (int i = 0; i < 6; i++) {
        server.enqueue(new MockResponse().setResponseCode(502));
      }
      d.dispatch(Notifications.sample(ChannelKind.SLACK, server.url("/h").toString()), attempts::add);
      awaitDone(d);
      assertThat(server.getRequestCount()).isEqualTo(4);
      assertThat(attempts.get(3).willRetry()).isFalse();
      assertThat(d.failedCount()).isEqualTo(1);
    }
  }

  @Test
  void rateLimit_perChannel_onTheModuleClock() {
    RecordingNotifier sms = RecordingNotifier.forChannel(ChannelKind.SMS);
    RecordingNotifier email = RecordingNotifier.forChannel(ChannelKind.EMAIL);
    try (NotificationDispatcher d = NotificationDispatcher.builder(clock)
        .setRetryPolicy(new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO))
        .setRateLimit(ChannelKind.SMS, 2, Duration.ofMinutes(1))
        .setWorkersPerChannel(1)
        .addNotifier(sms).addNotifier(email).build()) {
      for (int i = 0; i < 3; i++) {
        d.dispatch(Notifications.sample(ChannelKind.SMS, "+15550001111"), attempts::add);
        d.dispatch(Notifications.sample(ChannelKind.EMAIL, "a@example.com"), attempts::add);
      }
      awaitDone(d);
      assertThat(sms.sent()).hasSize(2);
      assertThat(email.sent()).hasSize(3);
      assertThat(attempts).filteredOn(a -> a.result().status() == DeliveryStatus.RATE_LIMITED)
          .singleElement().satisfies(a -> assertThat(a.notification().recipient().channel())
              .isEqualTo(ChannelKind.SMS));
      clock.advance(Duration.ofSeconds(30));
      d.dispatch(Notifications.sample(ChannelKind.SMS, "+15550001111"), attempts::add);
      awaitDone(d);
      assertThat(sms.sent()).hasSize(3);
    }
  }

  @Test
  void hangingChannel_neverBlocksTheOthers_norTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Notifier hanging = new Notifier() {
      @Override
      public ChannelKind channel() {
        return ChannelKind.SLACK;
      }

      @Override
      public String getName() {
        return "hanging";
      }

      @Override
      public DeliveryResult send(Notification n) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return DeliveryResult.delivered(1, Duration.ZERO);
      }
    };
    RecordingNotifier voice = RecordingNotifier.forChannel(ChannelKind.VOICE);
    try (NotificationDispatcher d = NotificationDispatcher.builder(clock).setQueueCapacity(2)
        .setWorkersPerChannel(1).addNotifier(hanging).addNotifier(voice).build()) {
      for (int i = 0; i < 5; i++) {
        d.dispatch(Notifications.sample(ChannelKind.SLACK, "https://hooks.example/x"), attempts::add);
      }
      d.dispatch(Notifications.sample(ChannelKind.VOICE, "+15550001111"), attempts::add);
      await().atMost(Duration.ofSeconds(10)).until(() -> voice.sent().size() == 1);
      // one running, two queued, two refused at once as "queue full"
      assertThat(attempts).filteredOn(a -> a.result().detail().contains("queue for SLACK is full"))
          .hasSize(2);
      assertThat(d.droppedCount()).isEqualTo(2);
      release.countDown();
      awaitDone(d);
      assertThat(d.deliveredCount()).isEqualTo(4);
    }
  }

  @Test
  void missingNotifier_orThrowingOne_isReportedNotThrown() {
    Notifier throwing = new Notifier() {
      @Override
      public ChannelKind channel() {
        return ChannelKind.EMAIL;
      }

      @Override
      public String getName() {
        return "throwing";
      }

      @Override
      public DeliveryResult send(Notification n) {
        throw new IllegalStateException("bug");
      }
    };
    try (NotificationDispatcher d = NotificationDispatcher.builder(clock)
        .setRetryPolicy(new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO))
        .addNotifier(throwing).build()) {
      assertThat(d.dispatch(Notifications.sample(ChannelKind.SMS, "+15550001111"), attempts::add))
          .isFalse();
      d.dispatch(Notifications.sample(ChannelKind.EMAIL, "a@example.com"), a -> {
        attempts.add(a);
        throw new IllegalStateException("listener bug");
      });
      awaitDone(d);
      assertThat(attempts).extracting(a -> a.result().detail()).containsExactly(
          "no notifier configured for channel SMS", "throwing threw IllegalStateException",
          "throwing threw IllegalStateException");
    }
  }
}
