package dev.obskit.store.jdbc;

/** Creates obs-billing's repositories; loaded only when obs-billing is on the class path. */
final class BillingTables {
  private BillingTables() {}

  static Object create(String type, Db db) {
    Json.register(BillingJson.module());
    switch (type) {
      case "dev.obskit.billing.subscription.SubscriptionRepository":
        return new JdbcSubscriptionRepository(db);
      case "dev.obskit.billing.pricing.InvoiceRepository":
        return new JdbcInvoiceRepository(db);
      case "dev.obskit.billing.cost.CostRepository":
        return new JdbcCostRepository(db);
      case "dev.obskit.billing.metering.UsageLedger":
        return new JdbcUsageLedger(db);
      default:
        return null;
    }
  }
}
