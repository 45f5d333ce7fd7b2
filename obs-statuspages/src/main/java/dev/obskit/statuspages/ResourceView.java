package dev.obskit.statuspages;

import java.util.List;

/**
 * A resource as shown now: its current status, daily bars (oldest first) and the uptime over
 * them. Immutable.
 *
 * @param resource the resource
 * @param status current status
 * @param bars one per day of the page's history, oldest first
 * @param uptime the figure over the bars
 */
public record ResourceView(Resource resource, ComponentStatus status, List<DayBar> bars,
    UptimeFigure uptime) {
  /** Copies the bars. */
  public ResourceView {
    bars = List.copyOf(bars);
  }
}
