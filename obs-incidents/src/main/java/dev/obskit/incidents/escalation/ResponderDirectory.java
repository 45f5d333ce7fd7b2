package dev.obskit.incidents.escalation;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** Who can be paged and how. Thread-safe; answers from memory without blocking. */
public interface ResponderDirectory {
  /** Adds or replaces a responder. */
  void put(Responder responder);

  /** Returns the team's responder. */
  Optional<Responder> find(TeamId teamId, UserId user);

  /** Returns every responder of the team, in the order added. */
  List<Responder> members(TeamId teamId);
}
