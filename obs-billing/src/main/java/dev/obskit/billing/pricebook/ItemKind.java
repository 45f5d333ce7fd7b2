package dev.obskit.billing.pricebook;

/** What a price book item is, which decides where its quantity comes from. */
public enum ItemKind {
  /** The subscription's base plan: a recurring fee plus limits. At most one active at a time. */
  PLAN,
  /** A recurring add-on bought in a quantity; may grant limits and may expire after a term. */
  ADD_ON,
  /** A telemetry bundle: a recurring fee that includes quantities of usage items. */
  BUNDLE,
  /** A metered charge whose quantity is the period's aggregated usage of a meter. */
  USAGE
}
