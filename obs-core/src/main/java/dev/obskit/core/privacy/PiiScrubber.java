package dev.obskit.core.privacy;

import java.util.Map;

/**
 * Removes personal data and secrets before anything leaves the host's thread: from error messages,
 * exception values, breadcrumbs, request headers, user fields and log lines. Shared by obs-errors
 * and obs-telemetry so both filter the same way.
 *
 * <p>What the {@linkplain #defaults() default} scrubber replaces with {@value #FILTERED}: e-mail
 * addresses; payment card numbers (13 to 19 digits, optionally grouped by spaces or dashes, with a
 * card-network prefix and a valid Luhn checksum, so ordinary numbers such as timestamps and ids are
 * left alone); {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code
 * Set-Cookie} header values; bearer tokens; passwords in URLs ({@code scheme://user:password@host});
 * and the value of any key whose name contains {@code
 * password}, {@code passwd}, {@code secret}, {@code token}, {@code api_key}/{@code apikey}, {@code
 * access_key}, {@code private_key} or {@code credential}, whether it appears as a map key, a
 * {@code key=value} pair or a JSON member. Configurable through {@link PiiScrubberConfig}.
 * Immutable and thread-safe; never throws on any string input.
 */
public interface PiiScrubber {
  /** What a scrubbed value is replaced with (the same marker Sentry uses). */
  String FILTERED = "[Filtered]";

  /** Returns {@code text} with every sensitive fragment replaced; null stays null. */
  String scrubText(String text);

  /** Returns whether values under {@code key} (a header, tag, field or parameter name) are secret. */
  boolean isSensitiveKey(String key);

  /** Returns {@value #FILTERED} when {@code key} is sensitive, else the scrubbed {@code value}. */
  default String scrubValue(String key, String value) {
    if (value == null) {
      return null;
    }
    return isSensitiveKey(key) ? FILTERED : scrubText(value);
  }

  /** Returns a copy of {@code values} with {@link #scrubValue} applied to each entry, order kept. */
  Map<String, String> scrubMap(Map<String, String> values);

  /** Returns the scrubber with the default rules. */
  static PiiScrubber defaults() {
    return create(PiiScrubberConfig.defaults());
  }

  /** Returns a scrubber following {@code config}. */
  static PiiScrubber create(PiiScrubberConfig config) {
    return config.enabled() ? new DefaultPiiScrubber(config) : NoopPiiScrubber.INSTANCE;
  }

  /** Returns a scrubber that changes nothing, for hosts that opted in to sending PII. */
  static PiiScrubber disabled() {
    return NoopPiiScrubber.INSTANCE;
  }
}
