package dev.obskit.incidents.incident;

import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Page;
import dev.obskit.core.store.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Stores incidents: team scoped, optimistic versioned, with a unique index on the open incident of
 * each (team, dedup key). The in-memory implementation is {@code InMemoryIncidentRepository}; a JDBC
 * one maps {@link #update} to {@code UPDATE ... WHERE id = ? AND team_id = ? AND version = n} and the
 * dedup index to a partial unique index on open rows. Implementations are thread-safe.
 */
public interface IncidentRepository {

  /**
   * Stores a new incident at version 1; throws {@link dev.obskit.core.store.DuplicateKeyException}
   * if the id is taken or another incident of the team is open with the same non-empty dedup key.
   */
  Incident insert(Incident incident);

  /**
   * Stores the next version; throws {@link dev.obskit.core.store.StaleVersionException} if the
   * stored version is not {@code next.version() - 1}, and {@link
   * dev.obskit.core.store.DuplicateKeyException} if a re-open collides with another open incident.
   */
  Incident update(Incident next);

  /** Returns the team's incident. */
  Optional<Incident> find(TeamId teamId, IncidentId id);

  /** Returns the team's open incident for the dedup key. */
  Optional<Incident> findOpenByDedupKey(TeamId teamId, String dedupKey);

  /** Returns every open incident of every team, for the escalation due-work scan. */
  List<Incident> listOpen();

  /** Returns the team's incidents matching {@code query}, newest first, one page. */
  Page<Incident> list(TeamId teamId, IncidentQuery query, PageRequest page);

  /** Returns all the team's incidents matching {@code query}, oldest first. */
  List<Incident> listAll(TeamId teamId, IncidentQuery query);
}
