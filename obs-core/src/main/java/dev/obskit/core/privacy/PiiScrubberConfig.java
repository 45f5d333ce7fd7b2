package dev.obskit.core.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Configuration of the {@link PiiScrubber}. Immutable; build with {@link #builder()}. */
public final class PiiScrubberConfig {
  /** Key fragments whose values are always secret, matched case-insensitively as substrings. */
  public static final Set<String> DEFAULT_SENSITIVE_KEY_FRAGMENTS = Set.of(
      "password", "passwd", "secret", "token", "api_key", "apikey", "api-key", "access_key",
      "access-key", "private_key", "private-key", "privatekey", "credential");
  /** Keys whose values are always secret, matched case-insensitively as whole names. */
  public static final Set<String> DEFAULT_SENSITIVE_KEYS = Set.of(
      "authorization", "proxy-authorization", "cookie", "set-cookie", "pwd", "auth", "x-api-key",
      "x-auth-token", "session", "sessionid", "jsessionid");

  private final boolean enabled;
  private final boolean scrubEmails;
  private final boolean scrubCardNumbers;
  private final Set<String> sensitiveKeys;
  private final Set<String> sensitiveKeyFragments;
  private final List<Pattern> extraPatterns;

  private PiiScrubberConfig(Builder b) {
    this.enabled = b.enabled;
    this.scrubEmails = b.scrubEmails;
    this.scrubCardNumbers = b.scrubCardNumbers;
    this.sensitiveKeys = Set.copyOf(b.sensitiveKeys);
    this.sensitiveKeyFragments = Set.copyOf(b.sensitiveKeyFragments);
    this.extraPatterns = List.copyOf(b.extraPatterns);
  }

  /** Returns a builder starting from the defaults (everything on). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default configuration. */
  public static PiiScrubberConfig defaults() {
    return builder().build();
  }

  /** Returns whether scrubbing is on at all. Default true. */
  public boolean enabled() {
    return enabled;
  }

  /** Returns whether e-mail addresses are replaced. Default true. */
  public boolean scrubEmails() {
    return scrubEmails;
  }

  /** Returns whether card numbers are replaced. Default true. */
  public boolean scrubCardNumbers() {
    return scrubCardNumbers;
  }

  /** Returns whole key names treated as secret, lowercase. */
  public Set<String> sensitiveKeys() {
    return sensitiveKeys;
  }

  /** Returns key fragments treated as secret, lowercase. */
  public Set<String> sensitiveKeyFragments() {
    return sensitiveKeyFragments;
  }

  /** Returns extra patterns whose matches are replaced. */
  public List<Pattern> extraPatterns() {
    return extraPatterns;
  }

  /** Builds {@link PiiScrubberConfig}. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private boolean scrubEmails = true;
    private boolean scrubCardNumbers = true;
    private final Set<String> sensitiveKeys = new LinkedHashSet<>(DEFAULT_SENSITIVE_KEYS);
    private final Set<String> sensitiveKeyFragments = new LinkedHashSet<>(DEFAULT_SENSITIVE_KEY_FRAGMENTS);
    private final List<Pattern> extraPatterns = new ArrayList<>();

    Builder() {}

    /** Turns scrubbing on or off as a whole. */
    public Builder setEnabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Turns e-mail replacement on or off. */
    public Builder setScrubEmails(boolean scrubEmails) {
      this.scrubEmails = scrubEmails;
      return this;
    }

    /** Turns card-number replacement on or off. */
    public Builder setScrubCardNumbers(boolean scrubCardNumbers) {
      this.scrubCardNumbers = scrubCardNumbers;
      return this;
    }

    /** Adds a whole key name whose values are secret. */
    public Builder addSensitiveKey(String key) {
      sensitiveKeys.add(lower("key", key));
      return this;
    }

    /** Adds a key fragment; any key containing it is secret. */
    public Builder addSensitiveKeyFragment(String fragment) {
      sensitiveKeyFragments.add(lower("fragment", fragment));
      return this;
    }

    /** Adds a pattern whose matches are replaced with {@value PiiScrubber#FILTERED}. */
    public Builder addPattern(Pattern pattern) {
      extraPatterns.add(Objects.requireNonNull(pattern, "pattern"));
      return this;
    }

    /** Adds a regular expression; throws naming it if it does not compile. */
    public Builder addPattern(String regex) {
      Objects.requireNonNull(regex, "regex");
      try {
        return addPattern(Pattern.compile(regex));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("pattern '" + regex + "' is not a valid regular expression: "
            + e.getDescription(), e);
      }
    }

    /** Returns the configuration. */
    public PiiScrubberConfig build() {
      return new PiiScrubberConfig(this);
    }

    private static String lower(String name, String value) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value.trim().toLowerCase(Locale.ROOT);
    }
  }
}
