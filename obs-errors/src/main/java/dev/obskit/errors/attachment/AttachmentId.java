package dev.obskit.errors.attachment;

import dev.obskit.core.id.IdFormat;
import dev.obskit.core.id.TypedId;

/**
 * Identifies a stored attachment; assigned from the kit's id generator. Immutable.
 *
 * @param value the id
 */
public record AttachmentId(String value) implements TypedId {
  /** Validates {@code value}. */
  public AttachmentId {
    IdFormat.check("AttachmentId", value);
  }

  /** Returns the id {@code value}. */
  public static AttachmentId of(String value) {
    return new AttachmentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
