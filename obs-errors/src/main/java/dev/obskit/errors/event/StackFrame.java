package dev.obskit.errors.event;

/**
 * One stack frame as Sentry models it. Frames of a stack trace are ordered caller to callee: the
 * last frame raised the exception. Immutable.
 *
 * @param module the Java class name (fully qualified), or null
 * @param function the method name, or null
 * @param filename the source file name, or null
 * @param absPath the absolute source path, or null
 * @param lineno the line number, or null; never used for grouping
 * @param inApp true for application code, false for libraries, null when the sender did not say
 */
public record StackFrame(String module, String function, String filename, String absPath,
    Integer lineno, Boolean inApp) {

  /** Returns a frame for a Java class and method. */
  public static StackFrame java(String module, String function, String filename, Integer lineno,
      Boolean inApp) {
    return new StackFrame(module, function, filename, null, lineno, inApp);
  }

  /** Returns whether the sender marked this frame as application code. */
  public boolean isInApp() {
    return Boolean.TRUE.equals(inApp);
  }
}
