package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.usage.UsageEvent;
import java.util.function.LongSupplier;

/**
 * Told about each event the ledger accepted (never duplicates), on the ingesting thread, after the
 * write. Used by quotas and the LLM cost meter. Must be quick; exceptions are logged and isolated.
 * The meter's value is read only if the listener asks for it (it costs a ledger read), and may
 * already include events accepted concurrently.
 */
@FunctionalInterface
public interface UsageListener {
  /** Called once per accepted event; {@code meterValue} reads the meter's value after it. */
  void onAccepted(UsageEvent event, BillingPeriod period, LongSupplier meterValue);
}
