package dev.obskit.incidents.store;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.escalation.ResponderDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link ResponderDirectory}. Thread-safe. */
public final class InMemoryResponderDirectory implements ResponderDirectory {
  private final ConcurrentHashMap<TeamId, Map<UserId, Responder>> byTeam = new ConcurrentHashMap<>();

  @Override
  public void put(Responder responder) {
    Objects.requireNonNull(responder, "responder");
    Map<UserId, Responder> team = byTeam.computeIfAbsent(responder.teamId(),
        t -> new LinkedHashMap<>());
    synchronized (team) {
      team.put(responder.user(), responder);
    }
  }

  @Override
  public Optional<Responder> find(TeamId teamId, UserId user) {
    Map<UserId, Responder> team = byTeam.get(teamId);
    if (team == null) {
      return Optional.empty();
    }
    synchronized (team) {
      return Optional.ofNullable(team.get(user));
    }
  }

  @Override
  public List<Responder> members(TeamId teamId) {
    Map<UserId, Responder> team = byTeam.get(teamId);
    if (team == null) {
      return List.of();
    }
    synchronized (team) {
      return List.copyOf(team.values());
    }
  }
}
