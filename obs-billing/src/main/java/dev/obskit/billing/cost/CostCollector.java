package dev.obskit.billing.cost;

import java.time.LocalDate;
import java.util.List;

/**
 * SPI: pulls one provider's costs for one day (DigitalOcean, Twilio, an LLM vendor...). Found by
 * {@link java.util.ServiceLoader} or registered with the billing module. Implementations may block
 * on network I/O (they run on the sync caller's thread, never on a host thread) and may throw; the
 * sync isolates and reports failures. Returned records are upserted on their natural key, so a
 * collector may return the same day any number of times.
 */
public interface CostCollector {
  /** Returns a short name for logs and sync reports, e.g. {@code "digitalocean"}. */
  String getName();

  /** Returns the day's cost records. */
  List<CostRecord> collect(LocalDate day);
}
