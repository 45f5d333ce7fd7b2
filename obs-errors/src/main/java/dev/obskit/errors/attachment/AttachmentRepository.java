package dev.obskit.errors.attachment;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import java.util.List;
import java.util.Optional;

/**
 * Stores attachments, team-scoped, linked to the event they came with. Implementations bound
 * what they keep per project and document how. Thread-safe.
 */
public interface AttachmentRepository {
  /**
   * Stores the attachment and returns what was kept (without its content when it alone exceeds
   * the project's byte bound); empty if its id is already stored.
   */
  Optional<StoredAttachment> save(StoredAttachment attachment);

  /** Returns the attachment by id. */
  Optional<StoredAttachment> find(TeamId teamId, AttachmentId id);

  /** Returns the attachments of one event of the project, in arrival order. */
  List<StoredAttachment> byEvent(TeamId teamId, ProjectId projectId, String eventId);

  /** Returns the content bytes held for the project. */
  long storedBytes(TeamId teamId, ProjectId projectId);

  /**
   * Returns an in-memory repository. Per project it keeps the content of the newest attachments
   * within {@code maxBytesPerProject} (older attachments lose their content first, keeping their
   * metadata) and the metadata of the newest {@code maxPerProject} attachments.
   */
  static AttachmentRepository inMemory(long maxBytesPerProject, int maxPerProject) {
    return new InMemoryAttachmentRepository(maxBytesPerProject, maxPerProject);
  }
}
