package dev.obskit.billing.pricing;

/** Where an invoice line comes from (Kill Bill's RECURRING / USAGE split). */
public enum LineType {
  /** A plan, bundle or add-on charged per period, prorated by days. */
  RECURRING,
  /** An add-on term started in the period (purchase or renewal), charged in full. */
  TERM,
  /** Metered usage above what is included. */
  USAGE
}
