package dev.obskit.errors.grouping;

import java.util.Objects;

/**
 * One of the hashes an event is grouped by, named after what produced it, as Sentry's grouping
 * variants are: {@code app} (in-app frames), {@code system} (all groupable frames), {@code
 * exception} (types and normalised values), {@code message}, {@code custom-fingerprint}, {@code
 * fallback}. Immutable.
 *
 * @param name the variant name
 * @param hash 32 lowercase hex characters, MD5 of the variant's components
 * @param secondary whether the hash comes from the config's secondary (previous) version: used to
 *     find an issue created under that version, never linked to an issue (Sentry's secondary
 *     hashes)
 */
public record GroupingVariant(String name, String hash, boolean secondary) {
  /** Validates. */
  public GroupingVariant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
  }

  /** A variant of the config's own version. */
  public GroupingVariant(String name, String hash) {
    this(name, hash, false);
  }
}
