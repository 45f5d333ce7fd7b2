package dev.obskit.billing.cost.providers;

import dev.obskit.billing.cost.CostCollector;
import dev.obskit.core.config.ConfigProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the provider collectors whose settings are present in configuration, so a host adds them
 * with {@code CostCollectors.fromConfig(config, clock).forEach(billing.costs()::addCollector)}:
 * <ul>
 *   <li>DigitalOcean when {@code obskit.billing.digitalocean.token} is set;
 *   <li>Twilio when {@code obskit.billing.twilio.account-sid} is set (with {@code .auth-token});
 *   <li>one import per entry of {@code obskit.billing.cost-imports} ({@code name=path} pairs, CSV or
 *       JSON files), for providers with no billing API.
 * </ul>
 * Stripe revenue and meter-event export are not cost collectors: build them with {@link
 * StripeRevenue#fromConfig} and {@link StripeMeterEventExport#fromConfig}.
 */
public final class CostCollectors {
  private CostCollectors() {}

  /** Returns the collectors configured in {@code config}, possibly none. */
  public static List<CostCollector> fromConfig(ConfigProperties config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    List<CostCollector> collectors = new ArrayList<>();
    if (config.getString("obskit.billing.digitalocean.token") != null) {
      collectors.add(DigitalOceanCostCollector.fromConfig(config, clock));
    }
    if (config.getString("obskit.billing.twilio.account-sid") != null) {
      collectors.add(TwilioCostCollector.fromConfig(config, clock));
    }
    config.getMap("obskit.billing.cost-imports").forEach((name, path) ->
        collectors.add(ImportedCostCollector.of(name, Path.of(path), clock)));
    return collectors;
  }
}
