package dev.obskit.errors.grouping;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of grouping one event. Immutable as far as callers can tell; thread-safe.
 *
 * <p>An event has one or more hashes ({@link #variants()}), strongest first; the first is {@link
 * #hash()}, the one that decided {@link #strategy()}. An event whose in-app frames decided its
 * group also carries the {@code system} hash of all its groupable frames (when that differs), so
 * that an issue can be found again when the in-app flags of its frames change. An event joins the
 * issue of the first of its hashes that is already linked to one (see {@code IssueService}).
 *
 * <p>The secondary variants are computed on first use of {@link #variants()} or {@link #hashes()},
 * not by {@link GroupingEngine#group}: hashing every library frame costs about as much as the
 * primary hash again, and most events are repeats whose primary hash already names their issue, so
 * their secondary hashes would never be read.
 */
public final class GroupingResult {
  private final String hash;
  private final GroupingStrategy strategy;
  private final String configVersion;
  private final String componentText;
  private final Supplier<List<GroupingVariant>> deferred;
  private volatile List<GroupingVariant> variants;

  /**
   * Returns a result with the given variants, which must start with {@code hash}.
   *
   * @param hash the primary group key: 32 lowercase hex characters, MD5 of the components (see
   *     {@link GroupingEngine})
   * @param strategy what decided the primary hash
   * @param configVersion the grouping config version that produced the hashes
   * @param componentText the primary hash's components joined by {@code '\n'}
   * @param variants every hash of the event, primary first, no hash twice
   */
  public GroupingResult(String hash, GroupingStrategy strategy, String configVersion,
      String componentText, List<GroupingVariant> variants) {
    this(hash, strategy, configVersion, componentText, (Supplier<List<GroupingVariant>>) null);
    this.variants = checkVariants(hash, List.copyOf(variants));
  }

  /** Returns a result with the primary hash as its only variant. */
  public GroupingResult(String hash, GroupingStrategy strategy, String configVersion,
      String componentText) {
    this(hash, strategy, configVersion, componentText,
        List.of(new GroupingVariant(strategy.variantName(), hash)));
  }

  private GroupingResult(String hash, GroupingStrategy strategy, String configVersion,
      String componentText, Supplier<List<GroupingVariant>> deferred) {
    this.hash = Objects.requireNonNull(hash, "hash");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.configVersion = Objects.requireNonNull(configVersion, "configVersion");
    this.componentText = Objects.requireNonNull(componentText, "componentText");
    this.deferred = deferred;
  }

  /** A result whose variants {@code variants} computes on first use; it must start with hash. */
  static GroupingResult deferred(String hash, GroupingStrategy strategy, String configVersion,
      String componentText, Supplier<List<GroupingVariant>> variants) {
    return new GroupingResult(hash, strategy, configVersion, componentText,
        Objects.requireNonNull(variants, "variants"));
  }

  private static List<GroupingVariant> checkVariants(String hash, List<GroupingVariant> variants) {
    if (variants.isEmpty() || !variants.get(0).hash().equals(hash)) {
      throw new IllegalArgumentException("variants must start with the primary hash " + hash
          + ", got " + variants);
    }
    return variants;
  }

  /** The primary group key: 32 lowercase hex characters. */
  public String hash() {
    return hash;
  }

  /** What decided the primary hash. */
  public GroupingStrategy strategy() {
    return strategy;
  }

  /** The grouping config version that produced the hashes. */
  public String configVersion() {
    return configVersion;
  }

  /** The primary hash's components joined by {@code '\n'}. */
  public String componentText() {
    return componentText;
  }

  /**
   * Returns every hash of the event with its variant name, primary first, no hash twice. The first
   * call may compute the secondary variants (a few microseconds for a deep stack); a concurrent
   * first call may compute them twice, with the same result.
   */
  public List<GroupingVariant> variants() {
    List<GroupingVariant> v = variants;
    if (v == null) {
      v = checkVariants(hash, List.copyOf(deferred.get()));
      variants = v;
    }
    return v;
  }

  /** Returns the hashes of every variant, primary first (see {@link #variants()}). */
  public List<String> hashes() {
    List<GroupingVariant> v = variants();
    if (v.size() == 1) {
      return List.of(hash);
    }
    String[] out = new String[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i).hash();
    }
    return List.of(out);
  }

  /**
   * Returns the hashes an issue may keep: every variant's but the secondary version's, which only
   * find issues created under that version.
   */
  public List<String> linkableHashes() {
    List<GroupingVariant> v = variants();
    if (v.size() == 1) {
      return List.of(hash);
    }
    List<String> out = new java.util.ArrayList<>(v.size());
    for (GroupingVariant g : v) {
      if (!g.secondary()) {
        out.add(g.hash());
      }
    }
    return List.copyOf(out);
  }

  /** Returns the primary hash's components, in order: why the event landed in its group. */
  public List<String> components() {
    return Arrays.asList(componentText.split("\n", -1));
  }

  /** Equal when every field and every variant is equal (computes the variants of both). */
  @Override
  public boolean equals(Object o) {
    return o instanceof GroupingResult r && hash.equals(r.hash) && strategy == r.strategy
        && configVersion.equals(r.configVersion) && componentText.equals(r.componentText)
        && variants().equals(r.variants());
  }

  @Override
  public int hashCode() {
    return Objects.hash(hash, strategy, configVersion, componentText);
  }

  @Override
  public String toString() {
    return "GroupingResult[hash=" + hash + ", strategy=" + strategy + ", configVersion="
        + configVersion + ", variants=" + (variants != null ? variants : "(not computed)") + "]";
  }
}
