package dev.obskit.errors.event;

import java.util.List;
import java.util.Objects;

/**
 * One exception of a chain, as in Sentry's {@code exception.values[]}. Immutable.
 *
 * @param type the exception's simple class name, e.g. {@code IllegalStateException}, or null
 * @param value the exception message, or null
 * @param module the package of the exception class, or null
 * @param frames the stack, caller to callee; empty when unknown
 * @param mechanismType how it was captured ({@code generic}, {@code chained}, {@code
 *     UncaughtExceptionHandler}, ...), or null
 * @param synthetic whether the type is made up by the SDK (then grouping ignores it)
 * @param handled whether the application handled it; null when unknown
 */
public record ExceptionValue(String type, String value, String module, List<StackFrame> frames,
    String mechanismType, boolean synthetic, Boolean handled) {
  /** Copies the frames. */
  public ExceptionValue {
    frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
  }

  /** Returns the fully qualified type name when a module is known, else the type. */
  public String qualifiedType() {
    if (module == null || module.isEmpty() || type == null || type.contains(".")) {
      return type;
    }
    return module + "." + type;
  }
}
