package dev.obskit.statuspages;

import dev.obskit.core.usage.BillableAddOn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Counts the billable add-ons of a set of pages. Stateless. */
final class AddOns {
  private AddOns() {}

  static List<BillableAddOn> of(List<StatusPage> pages) {
    List<BillableAddOn> out = new ArrayList<>();
    if (pages.size() > 1) {
      out.add(new BillableAddOn(BillableAddOn.STATUS_PAGE_EXTRA_PAGES, pages.size() - 1L,
          "status pages beyond the first"));
    }
    count(out, pages, BillableAddOn.STATUS_PAGE_CUSTOM_CSS, p -> !p.options().customCss().isEmpty());
    count(out, pages, BillableAddOn.STATUS_PAGE_CUSTOM_JS, p -> !p.options().customJs().isEmpty());
    count(out, pages, BillableAddOn.STATUS_PAGE_WHITE_LABEL, p -> p.options().whiteLabel());
    count(out, pages, BillableAddOn.STATUS_PAGE_PASSWORD, p -> p.access().password().isPresent());
    count(out, pages, BillableAddOn.STATUS_PAGE_IP_ALLOWLIST,
        p -> !p.access().allowlist().isEmpty());
    count(out, pages, BillableAddOn.STATUS_PAGE_SSO, p -> p.access().ssoRequired());
    count(out, pages, BillableAddOn.STATUS_PAGE_CUSTOM_EMAIL_DOMAIN,
        p -> !p.options().customEmailDomain().isEmpty());
    long packs = 0;
    List<String> packPages = new ArrayList<>();
    for (StatusPage p : pages) {
      long extra = p.subscriberLimit() - (long) StatusPage.INCLUDED_SUBSCRIBERS;
      if (extra > 0) {
        long n = (extra + StatusPage.INCLUDED_SUBSCRIBERS - 1) / StatusPage.INCLUDED_SUBSCRIBERS;
        packs += n;
        packPages.add(p.id() + " x" + n);
      }
    }
    if (packs > 0) {
      out.add(new BillableAddOn(BillableAddOn.STATUS_PAGE_SUBSCRIBER_PACKS, packs,
          "subscriber packs of 1,000: " + String.join(", ", packPages)));
    }
    return out;
  }

  private static void count(List<BillableAddOn> out, List<StatusPage> pages, String code,
      Predicate<StatusPage> uses) {
    List<String> ids = pages.stream().filter(uses).map(p -> p.id().value()).toList();
    if (!ids.isEmpty()) {
      out.add(new BillableAddOn(code, ids.size(), "pages: " + String.join(", ", ids)));
    }
  }
}
