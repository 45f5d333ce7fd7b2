package dev.obskit.core.notify;

/**
 * Delivers {@link Notification}s through one channel kind. Implementations (Slack, Teams, webhook,
 * e-mail, SMS/voice) live in obs-incidents; {@link RecordingNotifier} is the in-memory one for
 * tests and demos.
 *
 * <p>Contract: {@link #send} never throws; every failure is a {@link DeliveryResult}. It may block
 * for at most the implementation's documented deadline (retries included), so callers run it off
 * the host's request threads. Implementations are thread-safe.
 */
public interface Notifier {

  /** Returns the channel kind this notifier serves. */
  ChannelKind channel();

  /** Returns a short unique name for logs and configuration, e.g. {@code "slack"}. */
  String getName();

  /** Delivers one notification; never throws. */
  DeliveryResult send(Notification notification);
}
