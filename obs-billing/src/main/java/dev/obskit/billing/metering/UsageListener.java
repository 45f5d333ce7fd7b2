package dev.obskit.billing.metering;

import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.core.usage.UsageEvent;

/**
 * Told about each event the ledger accepted (never duplicates), on the ingesting thread, after the
 * write. Used by quotas and the LLM cost meter. Must be quick; exceptions are logged and isolated.
 */
@FunctionalInterface
public interface UsageListener {
  /** Called once per accepted event with the meter's value after it. */
  void onAccepted(UsageEvent event, BillingPeriod period, long meterValue);
}
