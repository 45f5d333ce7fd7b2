package dev.obskit.errors.capture;

import dev.obskit.errors.event.EventJson;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a logging framework knows about a log event beyond its message: the thread that logged it,
 * tags taken from its context map (Logback's MDC, Log4j2's ThreadContext) and markers, and the
 * remaining context entries. The appenders build one per captured event with {@link
 * #builder(Set, String)}; the event gets the tags (winning over scope tags, as Sentry's event
 * values do), a {@code thread} context with the name, and the other entries as the {@code MDC}
 * context. Bounded: at most {@value #MAX_ENTRIES} tags and {@value #MAX_ENTRIES} context entries,
 * keys up to {@value #MAX_KEY_CHARS} characters (longer keys are skipped), tag values cut at
 * {@link EventJson#MAX_TAG_VALUE_CHARS} characters and context values at {@value
 * #MAX_CONTEXT_VALUE_CHARS}. Immutable.
 *
 * @param threadName the logging thread's name, or null
 * @param tags tags for the event
 * @param contextData context entries that did not become tags
 */
public record LogContext(String threadName, Map<String, String> tags,
    Map<String, String> contextData) {
  /** Most tags, and most context entries, taken from one log event. */
  public static final int MAX_ENTRIES = 64;
  /** Longest key kept. */
  public static final int MAX_KEY_CHARS = 200;
  /** Longest context value kept. */
  public static final int MAX_CONTEXT_VALUE_CHARS = 1024;
  /** The tag that carries the log event's marker names, comma-separated. */
  public static final String MARKER_TAG = "marker";

  /** Copies. */
  public LogContext {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    contextData = Collections.unmodifiableMap(new LinkedHashMap<>(contextData));
  }

  /**
   * Returns a builder; {@code tagKeys} are the context keys that become tags, or empty for all of
   * them (Sentry's {@code contextTags}).
   */
  public static Builder builder(Set<String> tagKeys, String threadName) {
    return new Builder(Objects.requireNonNull(tagKeys, "tagKeys"), threadName);
  }

  /** Parses a comma-separated list of keys, as written in logback.xml or log4j2.xml. */
  public static Set<String> parseKeys(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return Set.of();
    }
    Set<String> keys = new java.util.LinkedHashSet<>();
    for (String k : commaSeparated.split(",")) {
      if (!k.isBlank()) {
        keys.add(k.trim());
      }
    }
    return Set.copyOf(keys);
  }

  /** Collects one log event's context. Not thread-safe; use one per event. */
  public static final class Builder {
    private final Set<String> tagKeys;
    private final String threadName;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, String> contextData = new LinkedHashMap<>();

    Builder(Set<String> tagKeys, String threadName) {
      this.tagKeys = tagKeys;
      this.threadName = threadName;
    }

    /** Adds one context entry: a tag when its key is selected, else a context entry. */
    public Builder put(String key, Object value) {
      if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS || value == null) {
        return this;
      }
      String text = String.valueOf(value);
      if (tagKeys.isEmpty() || tagKeys.contains(key)) {
        if (tags.size() < MAX_ENTRIES) {
          tags.put(key, cut(text, EventJson.MAX_TAG_VALUE_CHARS));
        }
      } else if (contextData.size() < MAX_ENTRIES) {
        contextData.put(key, cut(text, MAX_CONTEXT_VALUE_CHARS));
      }
      return this;
    }

    /** Adds every entry of {@code entries}. */
    public Builder putAll(Map<String, ?> entries) {
      if (entries != null) {
        entries.forEach(this::put);
      }
      return this;
    }

    /** Sets the {@value #MARKER_TAG} tag to the marker names; nothing when there are none. */
    public Builder markers(Collection<String> names) {
      if (names != null && !names.isEmpty()) {
        tags.put(MARKER_TAG, cut(String.join(",", names), EventJson.MAX_TAG_VALUE_CHARS));
      }
      return this;
    }

    /** Returns the context. */
    public LogContext build() {
      return new LogContext(threadName, tags, contextData);
    }

    private static String cut(String s, int max) {
      return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
  }
}
