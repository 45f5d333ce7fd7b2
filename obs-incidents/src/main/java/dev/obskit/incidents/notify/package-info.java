/**
 * Notification delivery: the {@link dev.obskit.incidents.notify.NotificationDispatcher} (bounded
 * per-channel queues, retries with backoff, rate limits, every attempt reported) and the core
 * {@code Notifier} implementations: Slack Block Kit, Microsoft Teams Adaptive Card, signed generic
 * webhook ({@link dev.obskit.incidents.notify.WebhookSignature}), e-mail through {@link
 * dev.obskit.incidents.notify.EmailSender}, SMS and voice through {@link
 * dev.obskit.incidents.notify.PhoneGateway} (Twilio).
 */
package dev.obskit.incidents.notify;
