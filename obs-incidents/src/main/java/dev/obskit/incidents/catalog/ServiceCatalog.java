package dev.obskit.incidents.catalog;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/**
 * The service catalog and the mapping from alerts to services. Thread-safe.
 *
 * <p>An alert maps to a service by, in order: an explicit mapping of its exact {@code source}; an
 * explicit monitor or error-project mapping found through the alert's {@code monitor} / {@code
 * project} detail (as obs-uptime and obs-errors set them; {@code monitorId} / {@code projectId}
 * also work) or the part of its source after the last {@code '/'} ({@code "obs-uptime/m-42"} gives
 * {@code m-42}); the longest mapped source prefix ({@code "obs-uptime/"}); then its {@code
 * component} matched against service names and component aliases. Unmapped alerts still open
 * incidents, without a service.
 */
public interface ServiceCatalog {

  /** Adds a service (version 1); throws {@link dev.obskit.core.store.DuplicateKeyException} if taken. */
  Service add(Service service);

  /** Stores the next version of a service (optimistic check). */
  Service update(Service next);

  /** Returns the team's service. */
  Optional<Service> find(TeamId teamId, ServiceId id);

  /** Returns the team's services sorted by name. */
  List<Service> list(TeamId teamId);

  /** Maps alerts whose {@code source} is exactly {@code source} to {@code service}. */
  void mapSource(TeamId teamId, String source, ServiceId service);

  /** Maps an uptime monitor's alerts to {@code service}. */
  void mapMonitor(TeamId teamId, MonitorId monitor, ServiceId service);

  /** Maps an error project's alerts to {@code service}. */
  void mapProject(TeamId teamId, ProjectId project, ServiceId service);

  /** Maps alerts whose {@code source} starts with {@code prefix} to {@code service}. */
  void mapSourcePrefix(TeamId teamId, String prefix, ServiceId service);

  /** Returns the service {@code alert} belongs to, if any (see the class comment for the order). */
  Optional<Service> resolve(Alert alert);
}
