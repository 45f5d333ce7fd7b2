package dev.obskit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.alert.AlertSeverity;
import dev.obskit.core.id.TeamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotifyTest {
  private static final TeamId TEAM = TeamId.of("t");
  private static final String SECRET_URL = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
  private final Recipient slack = new Recipient(ChannelKind.SLACK, SECRET_URL, "#ops");

  private Notification notification(String id) {
    return Notification.builder(id, TEAM, slack).setTitle("[SEV1] checkout down").build();
  }

  @Test
  void recipient_toStringHidesTheAddress() {
    assertThat(slack.toString()).isEqualTo("Recipient{SLACK, #ops}").doesNotContain("SECRET");
    assertThat(slack.address()).isEqualTo(SECRET_URL);
  }

  @Test
  void recipient_rejectsNullOrBlankAddress() {
    assertThatThrownBy(() -> new Recipient(ChannelKind.EMAIL, " ", "Alice"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("address must not be blank for Alice");
    assertThatThrownBy(() -> new Recipient(null, "a", "b")).hasMessage("channel");
    assertThatThrownBy(() -> new Recipient(ChannelKind.SMS, null, "b")).hasMessage("address");
    assertThatThrownBy(() -> new Recipient(ChannelKind.SMS, "+15550100", null)).hasMessage("displayName");
  }

  @Test
  void notification_defaultsAndToStringHideAddress() {
    Notification n = notification("n-1");

    assertThat(n.body()).isEmpty();
    assertThat(n.severity()).isEqualTo(AlertSeverity.ERROR);
    assertThat(n.urgency()).isEqualTo(Urgency.HIGH);
    assertThat(n.subjectRef()).isEmpty();
    assertThat(n.fields()).isEmpty();
    assertThat(n.links()).isEmpty();
    assertThat(n.acknowledgeAction()).isNull();
    assertThat(n.toString()).isEqualTo("Notification{n-1 to Recipient{SLACK, #ops}: [SEV1] checkout down}")
        .doesNotContain("SECRET");
  }

  @Test
  void notification_builderSetsEverythingAndCopies() {
    Link runbook = new Link("Runbook", "https://wiki.test/runbook");
    Notification.Builder b = Notification.builder("n-2", TEAM, slack).setTitle("t").setBody("b")
        .setSeverity(AlertSeverity.WARNING).setUrgency(Urgency.LOW).setSubjectRef("inc-7")
        .putField("service", "checkout").putField("started", "10:00").addLink(runbook)
        .setAcknowledgeAction(new Link("Ack", "https://x.test/ack"))
        .setResolveAction(new Link("Resolve", "https://x.test/resolve"));
    Notification n = b.build();
    b.putField("late", "x").addLink(new Link("late", "https://x.test"));

    assertThat(n.id()).isEqualTo("n-2");
    assertThat(n.teamId()).isEqualTo(TEAM);
    assertThat(n.recipient()).isSameAs(slack);
    assertThat(n.body()).isEqualTo("b");
    assertThat(n.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(n.urgency()).isEqualTo(Urgency.LOW);
    assertThat(n.subjectRef()).isEqualTo("inc-7");
    assertThat(n.fields()).containsExactly(Map.entry("service", "checkout"), Map.entry("started", "10:00"));
    assertThat(n.links()).containsExactly(runbook);
    assertThat(n.acknowledgeAction().url()).isEqualTo("https://x.test/ack");
    assertThat(n.resolveAction().label()).isEqualTo("Resolve");
  }

  @Test
  void notification_requiresTitle() {
    assertThatThrownBy(() -> Notification.builder("n-3", TEAM, slack).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("title is required for notification n-3");
    assertThatThrownBy(() -> Notification.builder("n-3", TEAM, slack).setTitle("  ").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Notification.builder(null, TEAM, slack)).hasMessage("id");
    assertThatThrownBy(() -> Notification.builder("n", TEAM, null)).hasMessage("recipient");
    assertThatThrownBy(() -> new Link(null, "u")).hasMessage("label");
  }

  @Test
  void recordingNotifier_recordsInOrderAndReportsDelivered() {
    RecordingNotifier notifier = RecordingNotifier.forChannel(ChannelKind.MS_TEAMS);

    DeliveryResult r1 = notifier.send(notification("a"));
    notifier.send(notification("b"));

    assertThat(r1.isDelivered()).isTrue();
    assertThat(r1.attempts()).isEqualTo(1);
    assertThat(notifier.sent()).extracting(Notification::id).containsExactly("a", "b");
    assertThat(notifier.channel()).isEqualTo(ChannelKind.MS_TEAMS);
    assertThat(notifier.getName()).isEqualTo("recording-ms_teams");
    notifier.clear();
    assertThat(notifier.sent()).isEmpty();
  }

  @Test
  void recordingNotifier_scriptedAnswerIsReturnedAndThrowingAnswerBecomesFailure() {
    RecordingNotifier notifier = RecordingNotifier.forChannel(ChannelKind.WEBHOOK)
        .answerWith(n -> DeliveryResult.failed(DeliveryStatus.RETRYABLE_FAILURE, 3, "HTTP 503", Duration.ofSeconds(2)));

    DeliveryResult scripted = notifier.send(notification("a"));
    notifier.answerWith(n -> {
      throw new IllegalStateException("boom");
    });
    DeliveryResult thrown = notifier.send(notification("b"));

    assertThat(scripted).isEqualTo(new DeliveryResult(DeliveryStatus.RETRYABLE_FAILURE, 3, "HTTP 503",
        Duration.ofSeconds(2)));
    assertThat(thrown.status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
    assertThat(thrown.detail()).isEqualTo("scripted answer threw IllegalStateException");
    assertThat(notifier.sent()).hasSize(2);
  }

  @Test
  void recordingNotifier_isThreadSafe() throws Exception {
    RecordingNotifier notifier = RecordingNotifier.forChannel(ChannelKind.EMAIL);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            notifier.send(notification("n-" + thread + "-" + i));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(notifier.sent()).hasSize(2000).doesNotHaveDuplicates();
  }

  @Test
  void deliveryResult_factoriesAndValidation() {
    assertThat(DeliveryResult.delivered(2, Duration.ofMillis(40)))
        .isEqualTo(new DeliveryResult(DeliveryStatus.DELIVERED, 2, "", Duration.ofMillis(40)));
    assertThat(DeliveryResult.failed(DeliveryStatus.RATE_LIMITED, 0, "429", Duration.ZERO).isDelivered()).isFalse();
    assertThatThrownBy(() -> DeliveryResult.failed(DeliveryStatus.DELIVERED, 1, "", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("failed() needs a failure status, got DELIVERED");
    assertThatThrownBy(() -> new DeliveryResult(DeliveryStatus.DELIVERED, 1, null, Duration.ZERO)).hasMessage("detail");
    assertThatThrownBy(() -> RecordingNotifier.forChannel(null)).hasMessage("channel");
  }

  @Test
  void channelKinds_coverTheIssueList() {
    assertThat(ChannelKind.values()).containsExactly(ChannelKind.SLACK, ChannelKind.MS_TEAMS, ChannelKind.WEBHOOK,
        ChannelKind.EMAIL, ChannelKind.SMS, ChannelKind.VOICE);
  }
}
