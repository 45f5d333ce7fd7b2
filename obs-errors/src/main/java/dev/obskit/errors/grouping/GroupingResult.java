package dev.obskit.errors.grouping;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of grouping one event. Immutable.
 *
 * @param hash the group key: 32 lowercase hex characters, MD5 of the components (see {@link
 *     GroupingEngine})
 * @param strategy what decided the group
 * @param configVersion the grouping config version that produced the hash
 * @param componentText the hashed components joined by {@code '\n'}
 */
public record GroupingResult(String hash, GroupingStrategy strategy, String configVersion,
    String componentText) {
  /** Validates. */
  public GroupingResult {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(configVersion, "configVersion");
    Objects.requireNonNull(componentText, "componentText");
  }

  /** Returns the hashed components, in order: why the event landed in its group. */
  public List<String> components() {
    return Arrays.asList(componentText.split("\n", -1));
  }
}
