package dev.obskit.billing.pricebook;

/** How well a price in a book is backed by a public source (see the README). */
public enum PriceStatus {
  /** Confirmed against the vendor's own page. */
  VERIFIED,
  /** Derived from related public figures (for example annual x 6/5). */
  INFERRED,
  /** No public source found; the product brief's figure. */
  UNVERIFIED
}
