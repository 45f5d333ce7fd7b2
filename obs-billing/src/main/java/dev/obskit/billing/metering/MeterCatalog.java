package dev.obskit.billing.metering;

import dev.obskit.core.usage.Meters;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters billing knows, with defaults for every meter ObsKit's modules feed: shipped bytes,
 * accepted events, HTTP traffic and tokens are SUMs; monitors, heartbeats, responders, status page
 * subscribers and storage are reported as current counts, so they are MAX (the period's peak is
 * what is billed). Metering refuses events of a meter nobody defined, so invented names can never
 * take a real meter's place. Thread-safe.
 */
public final class MeterCatalog {
  private final Map<String, MeterDefinition> meters = new ConcurrentHashMap<>();

  private MeterCatalog() {}

  /** Returns a catalog with the defaults for {@link Meters}. */
  public static MeterCatalog defaults() {
    MeterCatalog catalog = new MeterCatalog();
    for (String sum : new String[] {Meters.LOG_BYTES, Meters.TRACE_BYTES, Meters.METRIC_POINTS,
        Meters.ERROR_EVENTS, Meters.HTTP_TRAFFIC_BYTES, Meters.LLM_INPUT_TOKENS,
        Meters.LLM_OUTPUT_TOKENS}) {
      catalog.define(MeterDefinition.of(sum, Aggregation.SUM));
    }
    for (String peak : new String[] {Meters.MONITORS, Meters.HEARTBEATS, Meters.RESPONDERS,
        Meters.STATUS_PAGE_SUBSCRIBERS, Meters.STORAGE_BYTES, "warehouse.object_storage.bytes",
        "warehouse.nvme.bytes"}) {
      catalog.define(MeterDefinition.of(peak, Aggregation.MAX));
    }
    return catalog;
  }

  /** Defines or redefines a meter. Redefine only between periods: values are not recomputed. */
  public MeterCatalog define(MeterDefinition meter) {
    meters.put(Objects.requireNonNull(meter, "meter").name(), meter);
    return this;
  }

  /** Defines {@code name} as a SUM unless it is already defined. */
  public MeterCatalog defineIfAbsent(String name) {
    meters.putIfAbsent(Objects.requireNonNull(name, "name"), MeterDefinition.of(name, Aggregation.SUM));
    return this;
  }

  /** Returns the meter's definition, if it was defined. */
  public java.util.Optional<MeterDefinition> find(String name) {
    return java.util.Optional.ofNullable(meters.get(name));
  }

  /** Returns a copy of this catalog (later definitions on either do not affect the other). */
  public MeterCatalog copy() {
    MeterCatalog copy = new MeterCatalog();
    copy.meters.putAll(meters);
    return copy;
  }

  /** Returns the meter's definition, a SUM when it was never defined (metering refuses those). */
  public MeterDefinition definitionFor(String name) {
    MeterDefinition meter = meters.get(name);
    return meter != null ? meter : MeterDefinition.of(name, Aggregation.SUM);
  }
}
