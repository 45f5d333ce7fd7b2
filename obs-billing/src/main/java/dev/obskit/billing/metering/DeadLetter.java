package dev.obskit.billing.metering;

import dev.obskit.core.usage.UsageEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A usage event metering refused for good, with the reason; kept (bounded) for inspection and
 * never retried. Immutable.
 *
 * @param event the refused event
 * @param reason why
 * @param detail a human explanation naming the value at fault
 * @param at when it was refused, by the metering clock
 */
public record DeadLetter(UsageEvent event, RejectReason reason, String detail, Instant at) {
  /** Validates the components. */
  public DeadLetter {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }
}
