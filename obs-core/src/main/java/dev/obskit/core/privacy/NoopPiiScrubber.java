package dev.obskit.core.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Scrubbing switched off. */
final class NoopPiiScrubber implements PiiScrubber {
  static final NoopPiiScrubber INSTANCE = new NoopPiiScrubber();

  private NoopPiiScrubber() {}

  @Override
  public String scrubText(String text) {
    return text;
  }

  @Override
  public boolean isSensitiveKey(String key) {
    return false;
  }

  @Override
  public Map<String, String> scrubMap(Map<String, String> values) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
