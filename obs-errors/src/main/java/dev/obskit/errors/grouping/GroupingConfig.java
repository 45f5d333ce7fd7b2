package dev.obskit.errors.grouping;

import java.util.List;
import java.util.Objects;

/**
 * The rules a {@link GroupingEngine} applies. The version is stored with every group so that a rule
 * change can be rolled out without silently splitting existing groups. Immutable.
 *
 * @param version the config version, e.g. {@value #DEFAULT_VERSION}
 * @param frameworkPrefixes module prefixes that are never application code (Sentry's {@code
 *     category=framework -app}), even when a sender marked them in-app
 * @param ungroupedPrefixes module prefixes whose frames never contribute in any variant (reflection
 *     plumbing, the error tracker's own frames)
 * @param fingerprintRules project fingerprint rules; the first matching one wins
 * @param secondaryVersion the version whose hashes are computed as well, during a transition, so
 *     that events find issues created under it (Sentry's secondary grouping); null for none
 */
public record GroupingConfig(String version, List<String> frameworkPrefixes,
    List<String> ungroupedPrefixes, List<FingerprintRule> fingerprintRules,
    String secondaryVersion) {
  /**
   * The version of the built-in rules: a stack beats the message, only identical consecutive
   * frames collapse, lambdas drop only their generated part, generated-class markers are kept,
   * the event-level {@code stacktrace} is used.
   */
  public static final String DEFAULT_VERSION = "obskit-java:2026-12-08";
  /**
   * The previous rules (message events always grouped by text, recursion collapsed by module and
   * function, lambda frames dropped whole, generated-class names replaced whole, the event-level
   * stack ignored); the default secondary version, so issues created under it keep their events.
   */
  public static final String LEGACY_VERSION = "obskit-java:2026-11-22";

  /** Sentry's built-in Java framework list (newstyle@2023-01-11) plus Kotlin, Netty and Ktor. */
  public static final List<String> DEFAULT_FRAMEWORK_PREFIXES = List.of(
      "io.sentry.", "org.springframework.", "sun.", "jdk.", "org.apache.", "com.fasterxml.",
      "io.opentelemetry.", "org.jboss.", "org.glassfish.", "org.postgresql.", "reactor.core.",
      "feign.", "akka.", "scala.", "kotlin.", "kotlinx.", "io.netty.", "io.ktor.", "com.sun.",
      "org.hibernate.", "com.zaxxer.", "org.eclipse.jetty.", "io.undertow.", "ch.qos.logback.",
      "org.slf4j.");

  /** Frames that never group: reflection indirection and the Sentry SDK's own frames. */
  public static final List<String> DEFAULT_UNGROUPED_PREFIXES = List.of(
      "java.lang.reflect.", "io.sentry.");

  /** Validates and copies. */
  public GroupingConfig {
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    frameworkPrefixes = List.copyOf(frameworkPrefixes);
    ungroupedPrefixes = List.copyOf(ungroupedPrefixes);
    fingerprintRules = List.copyOf(fingerprintRules);
    if (version.equals(secondaryVersion)) {
      secondaryVersion = null;
    }
  }

  /** Creates a config without a secondary version. */
  public GroupingConfig(String version, List<String> frameworkPrefixes,
      List<String> ungroupedPrefixes, List<FingerprintRule> fingerprintRules) {
    this(version, frameworkPrefixes, ungroupedPrefixes, fingerprintRules, null);
  }

  /**
   * Returns the built-in rules ({@value #DEFAULT_VERSION}, with {@value #LEGACY_VERSION} as the
   * secondary version), no fingerprint rules.
   */
  public static GroupingConfig defaults() {
    return new GroupingConfig(DEFAULT_VERSION, DEFAULT_FRAMEWORK_PREFIXES,
        DEFAULT_UNGROUPED_PREFIXES, List.of(), LEGACY_VERSION);
  }

  /** Returns a copy with {@code rules} as the project's fingerprint rules. */
  public GroupingConfig withFingerprintRules(List<FingerprintRule> rules) {
    return new GroupingConfig(version, frameworkPrefixes, ungroupedPrefixes, rules, secondaryVersion);
  }

  /**
   * Returns a copy following the rules of {@code version} ({@value #LEGACY_VERSION} selects the
   * previous rules, any other the current ones) and also hashing with {@code secondaryVersion}
   * (null for none).
   */
  public GroupingConfig withVersions(String version, String secondaryVersion) {
    return new GroupingConfig(version, frameworkPrefixes, ungroupedPrefixes, fingerprintRules,
        secondaryVersion);
  }

  /** Returns whether this config follows the previous ({@value #LEGACY_VERSION}) rules. */
  public boolean legacyRules() {
    return LEGACY_VERSION.equals(version);
  }
}
