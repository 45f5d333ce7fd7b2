package dev.obskit.billing.pricebook;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data region whose ingest prices may differ (Better Stack prices log and trace overage by
 * region). Hosts may name their own regions; the four constants are the default book's. Immutable.
 *
 * @param code upper-case code such as {@code US_EAST}
 */
public record Region(String code) {
  // Declared before the constants: they are validated against it during class initialisation.
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  /** US East. */
  public static final Region US_EAST = new Region("US_EAST");
  /** US West. */
  public static final Region US_WEST = new Region("US_WEST");
  /** Germany (EU). */
  public static final Region GERMANY = new Region("GERMANY");
  /** Singapore. */
  public static final Region SINGAPORE = new Region("SINGAPORE");

  /** Validates the code. */
  public Region {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("region code must match " + CODE + ", got '" + code + "'");
    }
  }

  /** Returns the region for {@code code}. */
  public static Region of(String code) {
    return new Region(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
