package dev.obskit.incidents.incident;

/**
 * Told synchronously, on the committing thread, after an incident change is stored. The escalation
 * engine listens to start paging as soon as an incident triggers. Must be fast; exceptions are
 * logged and swallowed by {@link IncidentService}.
 */
@FunctionalInterface
public interface IncidentListener {
  /** Called after {@code event}'s change was stored. */
  void onChange(IncidentEvent event);
}
