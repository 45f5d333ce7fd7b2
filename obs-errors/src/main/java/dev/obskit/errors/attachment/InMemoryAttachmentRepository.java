package dev.obskit.errors.attachment;

import dev.obskit.core.config.Checks;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AttachmentRepository} in memory. Each project holds its attachments in arrival order
 * with a running total of content bytes; over the byte bound the oldest attachments lose their
 * content (metadata stays), over the count bound the oldest are removed. Memory is therefore
 * bounded by projects x (maxBytesPerProject + maxPerProject x metadata). Queries scan one
 * project's attachments. Thread-safe: each project's state is guarded by its own lock.
 */
final class InMemoryAttachmentRepository implements AttachmentRepository {
  private record ProjectKey(TeamId team, ProjectId project) {}

  private record IdKey(TeamId team, AttachmentId id) {}

  /** One project's attachments, oldest first, and the content bytes they hold. */
  private static final class ProjectState {
    final ArrayDeque<StoredAttachment> ordered = new ArrayDeque<>();
    long bytes;
  }

  private final ConcurrentHashMap<IdKey, StoredAttachment> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ProjectKey, ProjectState> projects = new ConcurrentHashMap<>();
  private final long maxBytesPerProject;
  private final int maxPerProject;

  InMemoryAttachmentRepository(long maxBytesPerProject, int maxPerProject) {
    this.maxBytesPerProject = Checks.notNegative("maxBytesPerProject", maxBytesPerProject);
    this.maxPerProject = Checks.positive("maxPerProject", maxPerProject);
  }

  @Override
  public Optional<StoredAttachment> save(StoredAttachment attachment) {
    Objects.requireNonNull(attachment, "attachment");
    StoredAttachment kept = attachment.size() > maxBytesPerProject
        ? attachment.withoutContent() : attachment;
    IdKey key = new IdKey(kept.teamId(), kept.id());
    ProjectState state = projects.computeIfAbsent(
        new ProjectKey(kept.teamId(), kept.projectId()), k -> new ProjectState());
    synchronized (state) {
      if (byId.putIfAbsent(key, kept) != null) {
        return Optional.empty();
      }
      state.ordered.addLast(kept);
      state.bytes += kept.storedBytes();
      while (state.ordered.size() > maxPerProject) {
        StoredAttachment oldest = state.ordered.removeFirst();
        state.bytes -= oldest.storedBytes();
        byId.remove(new IdKey(oldest.teamId(), oldest.id()));
      }
      dropOldestContent(state);
    }
    return Optional.of(kept);
  }

  /** Strips content from the oldest attachments until the project is within its byte bound. */
  private void dropOldestContent(ProjectState state) {
    if (state.bytes <= maxBytesPerProject) {
      return;
    }
    List<StoredAttachment> rebuilt = new ArrayList<>(state.ordered.size());
    for (StoredAttachment a : state.ordered) {
      if (state.bytes > maxBytesPerProject && a.storedBytes() > 0) {
        StoredAttachment stripped = a.withoutContent();
        state.bytes -= a.storedBytes();
        byId.put(new IdKey(a.teamId(), a.id()), stripped);
        rebuilt.add(stripped);
      } else {
        rebuilt.add(a);
      }
    }
    state.ordered.clear();
    state.ordered.addAll(rebuilt);
  }

  @Override
  public Optional<StoredAttachment> find(TeamId teamId, AttachmentId id) {
    return Optional.ofNullable(byId.get(new IdKey(teamId, id)));
  }

  @Override
  public List<StoredAttachment> byEvent(TeamId teamId, ProjectId projectId, String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    List<StoredAttachment> out = new ArrayList<>();
    ProjectState state = projects.get(new ProjectKey(teamId, projectId));
    if (state == null) {
      return out;
    }
    synchronized (state) {
      Iterator<StoredAttachment> it = state.ordered.iterator();
      while (it.hasNext()) {
        StoredAttachment a = it.next();
        if (eventId.equals(a.eventId())) {
          out.add(a);
        }
      }
    }
    return out;
  }

  @Override
  public long storedBytes(TeamId teamId, ProjectId projectId) {
    ProjectState state = projects.get(new ProjectKey(teamId, projectId));
    if (state == null) {
      return 0;
    }
    synchronized (state) {
      return state.bytes;
    }
  }
}
