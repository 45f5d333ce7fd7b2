package dev.obskit.billing.cost;

/** FOCUS {@code ChargeCategory}: what kind of charge a cost record is. */
public enum ChargeCategory {
  /** Metered consumption. */
  USAGE,
  /** A purchase (licences, reservations). */
  PURCHASE,
  /** Tax. */
  TAX,
  /** A credit (negative amounts). */
  CREDIT,
  /** A manual or provider adjustment; always added on top of collected costs. */
  ADJUSTMENT
}
