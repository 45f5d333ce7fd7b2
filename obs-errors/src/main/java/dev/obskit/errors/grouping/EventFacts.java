package dev.obskit.errors.grouping;

import dev.obskit.errors.event.ErrorEvent;
import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import dev.obskit.errors.event.ThreadInfo;
import java.util.List;

/**
 * The values fingerprint variables and rule matchers read from an event, following Sentry's
 * definitions: {@code type}/{@code value} of the main (outermost) exception, {@code stack.*} of the
 * "crashing frame" (the last in-app frame of the main exception, else its last frame; when no
 * exception has frames, of the representative thread's stack, as the grouping engine uses it).
 */
final class EventFacts {
  private final ErrorEvent event;
  private final ExceptionValue main;
  private final StackFrame crashingFrame;

  EventFacts(ErrorEvent event) {
    this.event = event;
    this.main = event.mainException();
    this.crashingFrame = main == null ? null : crashingFrame(stackOf(event, main));
  }

  private static List<StackFrame> stackOf(ErrorEvent event, ExceptionValue main) {
    if (!main.frames().isEmpty() || event.threads().isEmpty()) {
      return main.frames();
    }
    for (ExceptionValue ex : event.exceptions()) {
      if (!ex.frames().isEmpty()) {
        return main.frames();
      }
    }
    ThreadInfo thread = ThreadInfo.representative(event.threads());
    return thread == null ? main.frames() : thread.frames();
  }

  private static StackFrame crashingFrame(List<StackFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i).isInApp()) {
        return frames.get(i);
      }
    }
    return frames.isEmpty() ? null : frames.get(frames.size() - 1);
  }

  /** Returns the value of a variable or matcher key, or null when the event has none. */
  String get(String key) {
    switch (key) {
      case "type": case "error.type": return main == null ? null : main.type();
      case "value": case "error.value": return main == null ? null : main.value();
      case "module": case "stack.module":
        return crashingFrame == null ? null : FrameNormalizer.normalizeModule(crashingFrame.module());
      case "function": case "stack.function":
        return crashingFrame == null ? null : crashingFrame.function();
      case "filename": case "stack.filename": return crashingFrame == null ? null : crashingFrame.filename();
      case "abs_path": case "stack.abs_path": return crashingFrame == null ? null : crashingFrame.absPath();
      case "transaction": return event.transaction();
      case "logger": return event.logger();
      case "level": return event.level().wireName();
      case "release": return event.release();
      case "environment": return event.environment();
      case "message": return message();
      default:
        if (key.startsWith("tags.")) {
          return event.tags().get(key.substring(5));
        }
        return null;
    }
  }

  private String message() {
    if (event.logEntry() != null && event.logEntry().displayText() != null) {
      return event.logEntry().displayText();
    }
    return main == null ? null : main.value();
  }
}
