package dev.obskit.statuspages;

import java.time.Instant;
import java.util.List;

/**
 * Everything a page shows at one instant, computed once and rendered as HTML, JSON, feeds and a
 * badge. Immutable.
 *
 * @param page the page
 * @param at when it was computed
 * @param overall the worst current status of its resources
 * @param sections each section's resources as shown, in order
 * @param openReports published unresolved reports, newest first
 * @param pastReports published resolved reports within the page's history, newest first
 * @param maintenance scheduled or in-progress maintenance, by start
 */
public record PageSnapshot(StatusPage page, Instant at, ComponentStatus overall,
    List<SectionView> sections, List<StatusReport> openReports, List<StatusReport> pastReports,
    List<MaintenanceWindow> maintenance) {

  /** Copies the lists. */
  public PageSnapshot {
    sections = List.copyOf(sections);
    openReports = List.copyOf(openReports);
    pastReports = List.copyOf(pastReports);
    maintenance = List.copyOf(maintenance);
  }

  /** Returns every resource view in display order. */
  public List<ResourceView> resources() {
    return sections.stream().flatMap(s -> s.resources().stream()).toList();
  }

  /**
   * A section as shown. Immutable.
   *
   * @param name heading
   * @param resources its resources as shown
   */
  public record SectionView(String name, List<ResourceView> resources) {
    /** Copies the list. */
    public SectionView {
      resources = List.copyOf(resources);
    }
  }
}
