package dev.obskit.billing.pricebook;

import java.util.Locale;

/** The two file formats a price book may be written in; both map to the same model. */
public enum PriceBookFormat {
  /** JSON. */
  JSON,
  /** YAML (anchors and aliases are bounded by the parser). */
  YAML;

  /** Returns the format for a file name ending in .json, .yaml or .yml. */
  public static PriceBookFormat forFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return YAML;
    }
    throw new IllegalArgumentException("price book file must end in .json, .yaml or .yml: " + name);
  }
}
