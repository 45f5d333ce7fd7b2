package dev.obskit.billing.cost;

/**
 * Where a cost figure came from. When several sources report the same provider, account, service,
 * day and category, reports prefer API over MANUAL over ESTIMATE (the order of the constants).
 */
public enum CostSource {
  /** Pulled from the provider's billing API. */
  API,
  /** Entered by a person (providers without a billing API). */
  MANUAL,
  /** Estimated from metered usage and a price table (LLM tokens). */
  ESTIMATE
}
