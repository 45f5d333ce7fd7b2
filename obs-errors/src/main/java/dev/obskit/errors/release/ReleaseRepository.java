package dev.obskit.errors.release;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/** Stores releases, team-scoped and versioned. Implementations are thread-safe. */
public interface ReleaseRepository {
  /** Inserts a new release; throws DuplicateKeyException if the project already has it. */
  Release insert(Release release);

  /** Stores the next snapshot; throws StaleVersionException. */
  Release update(Release release);

  /** Returns the project's record of {@code release}. */
  Optional<Release> find(TeamId teamId, ProjectId projectId, String release);

  /** Returns the project's releases, oldest first seen first. */
  List<Release> list(TeamId teamId, ProjectId projectId);

  /** Returns an in-memory repository. */
  static ReleaseRepository inMemory() {
    return new InMemoryReleaseRepository();
  }
}
