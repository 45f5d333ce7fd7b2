package dev.obskit.errors.grouping;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of grouping one event. Immutable.
 *
 * <p>An event has one or more hashes ({@link #variants()}), strongest first; the first is {@link
 * #hash()}, the one that decided {@link #strategy()}. An event whose in-app frames decided its
 * group also carries the {@code system} hash of all its groupable frames (when that differs), so
 * that an issue can be found again when the in-app flags of its frames change. An event joins the
 * issue of the first of its hashes that is already linked to one (see {@code IssueService}).
 *
 * @param hash the primary group key: 32 lowercase hex characters, MD5 of the components (see
 *     {@link GroupingEngine})
 * @param strategy what decided the primary hash
 * @param configVersion the grouping config version that produced the hashes
 * @param componentText the primary hash's components joined by {@code '\n'}
 * @param variants every hash of the event, primary first, no hash twice
 */
public record GroupingResult(String hash, GroupingStrategy strategy, String configVersion,
    String componentText, List<GroupingVariant> variants) {
  /** Validates and copies; {@code variants} must start with {@code hash}. */
  public GroupingResult {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(configVersion, "configVersion");
    Objects.requireNonNull(componentText, "componentText");
    variants = List.copyOf(variants);
    if (variants.isEmpty() || !variants.get(0).hash().equals(hash)) {
      throw new IllegalArgumentException("variants must start with the primary hash " + hash
          + ", got " + variants);
    }
  }

  /** Returns a result with the primary hash as its only variant. */
  public GroupingResult(String hash, GroupingStrategy strategy, String configVersion,
      String componentText) {
    this(hash, strategy, configVersion, componentText,
        List.of(new GroupingVariant(strategy.variantName(), hash)));
  }

  /** Returns the hashes of every variant, primary first. */
  public List<String> hashes() {
    if (variants.size() == 1) {
      return List.of(hash);
    }
    String[] out = new String[variants.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = variants.get(i).hash();
    }
    return List.of(out);
  }

  /** Returns the primary hash's components, in order: why the event landed in its group. */
  public List<String> components() {
    return Arrays.asList(componentText.split("\n", -1));
  }
}
