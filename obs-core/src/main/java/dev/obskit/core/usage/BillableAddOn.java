package dev.obskit.core.usage;

import java.util.Objects;

/**
 * A billable feature a team uses, counted by the module that provides it and priced by obs-billing
 * from its price book (matched by {@link #code()}), so neither depends on the other. Immutable.
 *
 * @param code stable name of the add-on, e.g. {@value #STATUS_PAGE_WHITE_LABEL}
 * @param quantity how many units are in use now (pages, packs), at least 0
 * @param description a short human explanation, e.g. the pages concerned
 */
public record BillableAddOn(String code, long quantity, String description) {
  /** Status pages beyond the first. */
  public static final String STATUS_PAGE_EXTRA_PAGES = "statuspages.extra_pages";
  /** Pages with custom CSS. */
  public static final String STATUS_PAGE_CUSTOM_CSS = "statuspages.custom_css";
  /** Pages with custom JavaScript. */
  public static final String STATUS_PAGE_CUSTOM_JS = "statuspages.custom_js";
  /** Pages without the ObsKit footer. */
  public static final String STATUS_PAGE_WHITE_LABEL = "statuspages.white_label";
  /** Password-protected pages. */
  public static final String STATUS_PAGE_PASSWORD = "statuspages.password";
  /** Pages with an IP allowlist. */
  public static final String STATUS_PAGE_IP_ALLOWLIST = "statuspages.ip_allowlist";
  /** Pages behind single sign-on. */
  public static final String STATUS_PAGE_SSO = "statuspages.sso";
  /** Pages sending subscriber mail from a custom domain. */
  public static final String STATUS_PAGE_CUSTOM_EMAIL_DOMAIN = "statuspages.custom_email_domain";
  /** Packs of 1,000 subscribers beyond the 1,000 included per page. */
  public static final String STATUS_PAGE_SUBSCRIBER_PACKS = "statuspages.subscriber_packs";

  /** Validates. */
  public BillableAddOn {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(description, "description");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
    if (quantity < 0) {
      throw new IllegalArgumentException("quantity must be >= 0, got " + quantity + " for " + code);
    }
  }
}
