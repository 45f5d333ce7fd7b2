package dev.obskit.core.store;

import dev.obskit.core.id.TeamId;

/** An aggregate that belongs to exactly one team; every repository query is scoped by it. */
public interface TeamScoped {
  /** Returns the owning team; never changes for the life of the aggregate. */
  TeamId teamId();
}
