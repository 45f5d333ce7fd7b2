package dev.obskit.errors.attachment;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file sent with an event in an envelope's {@code attachment} item (a log file, a screenshot, a
 * heap summary): its metadata and, within the project's byte bound, its content. Written once, so
 * the version is always 1. Immutable: the content is copied in and out.
 */
public final class StoredAttachment implements Aggregate<AttachmentId> {
  private static final byte[] NONE = new byte[0];

  private final AttachmentId id;
  private final TeamId teamId;
  private final ProjectId projectId;
  private final String eventId;
  private final String filename;
  private final String contentType;
  private final String attachmentType;
  private final long size;
  private final byte[] content;
  private final boolean hasContent;
  private final Instant receivedAt;

  /**
   * Creates an attachment.
   *
   * @param id the attachment id
   * @param teamId the owning team
   * @param projectId the project it was sent to
   * @param eventId the 32-hex id of the event it belongs to, or null when the envelope named none
   * @param filename the file name from the item header ({@code attachment} when absent)
   * @param contentType the content type, or null
   * @param attachmentType Sentry's {@code attachment_type} (e.g. {@code event.attachment}), or null
   * @param content the bytes (copied); their length is the size
   * @param receivedAt when it was accepted
   */
  public StoredAttachment(AttachmentId id, TeamId teamId, ProjectId projectId, String eventId,
      String filename, String contentType, String attachmentType, byte[] content, Instant receivedAt) {
    this(id, teamId, projectId, eventId, filename, contentType, attachmentType,
        Objects.requireNonNull(content, "content").length, content.clone(), true, receivedAt);
  }

  /**
   * Returns an attachment whose content is {@code length} bytes of {@code data} from {@code
   * offset} (copied once); the other parameters are those of the constructor.
   */
  public static StoredAttachment copyOf(AttachmentId id, TeamId teamId, ProjectId projectId,
      String eventId, String filename, String contentType, String attachmentType, byte[] data,
      int offset, int length, Instant receivedAt) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
    return new StoredAttachment(id, teamId, projectId, eventId, filename, contentType,
        attachmentType, length, Arrays.copyOfRange(data, offset, offset + length), true, receivedAt);
  }

  private StoredAttachment(AttachmentId id, TeamId teamId, ProjectId projectId, String eventId,
      String filename, String contentType, String attachmentType, long size, byte[] content,
      boolean hasContent, Instant receivedAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.teamId = Objects.requireNonNull(teamId, "teamId");
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.eventId = eventId;
    this.filename = Objects.requireNonNull(filename, "filename");
    this.contentType = contentType;
    this.attachmentType = attachmentType;
    this.size = size;
    this.content = content;
    this.hasContent = hasContent;
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** Returns a copy that keeps the metadata and size but not the content. */
  public StoredAttachment withoutContent() {
    return !hasContent ? this : new StoredAttachment(id, teamId, projectId, eventId,
        filename, contentType, attachmentType, size, NONE, false, receivedAt);
  }

  @Override
  public AttachmentId id() {
    return id;
  }

  @Override
  public TeamId teamId() {
    return teamId;
  }

  @Override
  public long version() {
    return INITIAL_VERSION;
  }

  /** Returns the project. */
  public ProjectId projectId() {
    return projectId;
  }

  /** Returns the id of the event it belongs to, or null. */
  public String eventId() {
    return eventId;
  }

  /** Returns the file name. */
  public String filename() {
    return filename;
  }

  /** Returns the content type, or null. */
  public String contentType() {
    return contentType;
  }

  /** Returns Sentry's attachment type, or null. */
  public String attachmentType() {
    return attachmentType;
  }

  /** Returns the size in bytes as received, also when the content was not kept. */
  public long size() {
    return size;
  }

  /** Returns whether the content is stored ({@code false} once the project's byte bound evicted it). */
  public boolean hasContent() {
    return hasContent;
  }

  /** Returns a copy of the content; empty when it was not kept. */
  public byte[] content() {
    return content.clone();
  }

  /** Returns the bytes held in memory. */
  long storedBytes() {
    return content.length;
  }

  /** Returns when it was accepted. */
  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return "StoredAttachment{" + id + ", " + filename + ", " + size + " bytes, event " + eventId + "}";
  }
}
