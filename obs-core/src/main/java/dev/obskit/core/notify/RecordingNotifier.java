package dev.obskit.core.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Notifier} that keeps every notification in memory instead of sending it, for tests and
 * the embedded demo. Its answer can be scripted to simulate channel failures. Thread-safe.
 */
public final class RecordingNotifier implements Notifier {
  private final ChannelKind channel;
  private final List<Notification> sent = new ArrayList<>();
  private volatile Function<Notification, DeliveryResult> answer =
      n -> DeliveryResult.delivered(1, Duration.ZERO);

  private RecordingNotifier(ChannelKind channel) {
    this.channel = channel;
  }

  /** Returns a recorder for {@code channel} that reports every message as delivered. */
  public static RecordingNotifier forChannel(ChannelKind channel) {
    return new RecordingNotifier(Objects.requireNonNull(channel, "channel"));
  }

  /** Makes later sends answer with {@code answer} (recorded all the same). */
  public RecordingNotifier answerWith(Function<Notification, DeliveryResult> answer) {
    this.answer = Objects.requireNonNull(answer, "answer");
    return this;
  }

  @Override
  public ChannelKind channel() {
    return channel;
  }

  @Override
  public String getName() {
    return "recording-" + channel.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public DeliveryResult send(Notification notification) {
    synchronized (sent) {
      sent.add(notification);
    }
    try {
      return answer.apply(notification);
    } catch (RuntimeException e) {
      return DeliveryResult.failed(DeliveryStatus.PERMANENT_FAILURE, 1,
          "scripted answer threw " + e.getClass().getSimpleName(), Duration.ZERO);
    }
  }

  /** Returns a copy of everything sent so far, in order. */
  public List<Notification> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Forgets everything recorded. */
  public void clear() {
    synchronized (sent) {
      sent.clear();
    }
  }
}
