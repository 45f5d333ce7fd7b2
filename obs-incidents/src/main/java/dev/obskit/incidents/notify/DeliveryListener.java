package dev.obskit.incidents.notify;

/**
 * Told about every delivery attempt, on a dispatcher thread. Must not block; exceptions are logged
 * and swallowed.
 */
@FunctionalInterface
public interface DeliveryListener {
  /** A listener that ignores everything. */
  DeliveryListener NONE = attempt -> { };

  /** Called after each attempt. */
  void onAttempt(DeliveryAttempt attempt);
}
