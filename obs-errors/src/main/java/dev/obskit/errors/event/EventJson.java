package dev.obskit.errors.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Reads and writes Sentry event JSON with jackson-core's streaming API (no data binding, no
 * reflection). Limits follow Relay: strings in {@code message}/{@code formatted} are cut at
 * {@value #MAX_MESSAGE_CHARS} characters, tag values at {@value #MAX_TAG_VALUE_CHARS}, at most
 * {@value #MAX_BREADCRUMBS} breadcrumbs (newest kept), {@value #MAX_FRAMES} frames per stack
 * (the ends kept), nesting at most {@value #MAX_DEPTH} levels. Thread-safe.
 */
public final class EventJson {
  /** Longest message kept, Relay's limit. */
  public static final int MAX_MESSAGE_CHARS = 8192;
  /** Longest tag value kept. */
  public static final int MAX_TAG_VALUE_CHARS = 200;
  /** Most breadcrumbs kept per event. */
  public static final int MAX_BREADCRUMBS = 100;
  /** Most frames kept per stack trace; the middle of deeper stacks is cut. */
  public static final int MAX_FRAMES = 500;
  /** Most exceptions kept per chain. */
  public static final int MAX_EXCEPTIONS = 32;
  /** Deepest JSON nesting accepted. */
  public static final int MAX_DEPTH = 64;

  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(2 * 1024 * 1024)
          .maxNumberLength(64)
          .build())
      .build();

  private EventJson() {}

  /** Parses one event; throws with a message naming the problem when the JSON is not an event. */
  public static ErrorEvent read(byte[] json, int offset, int length) throws MalformedEventException {
    return EventJsonReader.read(json, offset, length);
  }

  /** Parses one event. */
  public static ErrorEvent read(byte[] json) throws MalformedEventException {
    return read(json, 0, json.length);
  }

  /** Writes the event as compact JSON, UTF-8. */
  public static byte[] write(ErrorEvent event) {
    return EventJsonWriter.write(event);
  }
}
