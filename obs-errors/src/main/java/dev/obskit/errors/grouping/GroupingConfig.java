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
 */
public record GroupingConfig(String version, List<String> frameworkPrefixes,
    List<String> ungroupedPrefixes, List<FingerprintRule> fingerprintRules) {
  /** The version of the built-in rules. */
  public static final String DEFAULT_VERSION = "obskit-java:2026-11-22";

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
  }

  /** Returns the built-in rules, no fingerprint rules. */
  public static GroupingConfig defaults() {
    return new GroupingConfig(DEFAULT_VERSION, DEFAULT_FRAMEWORK_PREFIXES,
        DEFAULT_UNGROUPED_PREFIXES, List.of());
  }

  /** Returns a copy with {@code rules} as the project's fingerprint rules. */
  public GroupingConfig withFingerprintRules(List<FingerprintRule> rules) {
    return new GroupingConfig(version, frameworkPrefixes, ungroupedPrefixes, rules);
  }
}
