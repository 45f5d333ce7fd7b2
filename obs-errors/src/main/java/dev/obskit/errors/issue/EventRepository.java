package dev.obskit.errors.issue;

import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/**
 * Stores accepted events for triage and prompts. Implementations keep at least the latest events
 * of each issue up to a documented bound. Thread-safe.
 */
public interface EventRepository {
  /** Stores the event; returns false (and stores nothing) if its id is already stored. */
  boolean save(StoredEvent event);

  /** Returns the event by id. */
  Optional<StoredEvent> find(TeamId teamId, EventId id);

  /** Returns the issue's latest events, newest first, at most {@code limit}. */
  List<StoredEvent> latest(TeamId teamId, IssueId issueId, int limit);

  /** Returns an in-memory repository keeping the latest {@code perIssue} events of each issue. */
  static EventRepository inMemory(int perIssue) {
    return new InMemoryEventRepository(perIssue);
  }
}
