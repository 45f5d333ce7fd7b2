package dev.obskit.billing.http;

import dev.obskit.billing.BillingModule;
import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.core.http.ApiAccess;
import dev.obskit.core.http.HttpRequest;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.HttpText;
import dev.obskit.core.http.Route;
import dev.obskit.core.http.RouteGroup;
import dev.obskit.core.id.TeamId;
import java.util.StringJoiner;

/**
 * The billing part of the read-only JSON API (group {@code api}, bearer token per team, see
 * {@link ApiAccess}): {@code GET /api/v1/teams/{team}/usage} answers the current period's usage per
 * meter and, when the team has a subscription, the month-to-date invoice with its lines. Amounts
 * are decimal strings with their currency. Thread-safe.
 */
public final class BillingApiRoutes {
  private final BillingModule billing;
  private final ApiAccess access;

  private BillingApiRoutes(BillingModule billing, ApiAccess access) {
    this.billing = billing;
    this.access = access;
  }

  /** Returns the route group; {@code billing} is read only when a request arrives. */
  public static RouteGroup group(BillingModule billing, ApiAccess access) {
    BillingApiRoutes r = new BillingApiRoutes(billing, access);
    return RouteGroup.of("api", Route.get("/api/v1/teams/{team}/usage", r::usage));
  }

  private HttpResponse usage(HttpRequest req) {
    TeamId team = access.authorize(req);
    BillingPeriod period = billing.currentPeriod(team);
    UsageRecord usage = billing.usage(team, period);
    StringJoiner meters = new StringJoiner(",", "{", "}");
    usage.values().forEach((meter, value) -> meters.add(HttpText.json(meter) + ":" + value));
    String invoice = billing.subscription(team).isPresent() ? invoice(billing.quoteMonthToDate(team)) : "null";
    return HttpResponse.json("{\"period\":{\"start\":" + HttpText.json(period.start().toString())
        + ",\"end\":" + HttpText.json(period.end().toString()) + "},\"usage\":" + meters
        + ",\"invoice\":" + invoice + "}");
  }

  private static String invoice(Invoice i) {
    StringJoiner lines = new StringJoiner(",", "[", "]");
    for (InvoiceLine l : i.lines()) {
      lines.add("{\"item\":" + HttpText.json(l.itemCode()) + ",\"quantity\":"
          + HttpText.json(l.quantity().toPlainString()) + ",\"amount\":"
          + HttpText.json(l.amount().amount().toPlainString()) + "}");
    }
    return "{\"currency\":" + HttpText.json(i.total().currency().getCurrencyCode()) + ",\"total\":"
        + HttpText.json(i.total().amount().toPlainString()) + ",\"lines\":" + lines + "}";
  }
}
