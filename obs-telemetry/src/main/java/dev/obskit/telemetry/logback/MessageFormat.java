package dev.obskit.telemetry.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Formats a logback event's message on the logging thread with one reused builder per thread.
 *
 * <p>Logback's {@code getFormattedMessage()} goes through SLF4J's {@code MessageFormatter}, which
 * allocates a {@code HashMap} (cycle detection for array arguments), a builder and a result tuple
 * per call: more than the rest of the ObsKit append path. For the common arguments (strings,
 * boxed primitives, null) this class produces exactly the same text (same {@code {}} anchors, same
 * {@code \{}} and {@code \\{}} escapes, surplus anchors left as they are); any other argument type
 * (arrays, objects whose {@code toString} could throw) goes to logback's own formatting, so the
 * result never differs. Not instantiable; thread-safe.
 */
final class MessageFormat {
  private static final int KEEP_CHARS = 4096;
  private static final ThreadLocal<StringBuilder> BUILDER =
      ThreadLocal.withInitial(() -> new StringBuilder(256));

  private MessageFormat() {}

  /** Returns the event's formatted message. */
  static String of(ILoggingEvent e) {
    String pattern = e.getMessage();
    Object[] args = e.getArgumentArray();
    if (pattern == null || args == null || args.length == 0 || !simple(args)) {
      return e.getFormattedMessage();
    }
    StringBuilder sb = BUILDER.get();
    if (sb.capacity() > KEEP_CHARS) {
      sb = new StringBuilder(256);
      BUILDER.set(sb);
    }
    sb.setLength(0);
    return format(pattern, args, sb);
  }

  /** True if every argument formats with plain {@code toString()} that cannot fail. */
  static boolean simple(Object[] args) {
    for (Object a : args) {
      if (a != null && !(a instanceof String) && !(a instanceof Integer) && !(a instanceof Long)
          && !(a instanceof Boolean) && !(a instanceof Double) && !(a instanceof Float)
          && !(a instanceof Short) && !(a instanceof Byte) && !(a instanceof Character)) {
        return false;
      }
    }
    return true;
  }

  /** SLF4J's anchor and escape rules, for arguments that passed {@link #simple}. */
  static String format(String pattern, Object[] args, StringBuilder sb) {
    int i = 0;
    for (int arg = 0; arg < args.length; arg++) {
      int j = pattern.indexOf("{}", i);
      if (j < 0) {
        if (i == 0) {
          return pattern;
        }
        break;
      }
      boolean escaped = j > 0 && pattern.charAt(j - 1) == '\\';
      if (escaped && !(j > 1 && pattern.charAt(j - 2) == '\\')) {
        // \{} is a literal {} and does not consume an argument
        arg--;
        sb.append(pattern, i, j - 1).append('{');
        i = j + 1;
      } else {
        // \\{} is a literal backslash followed by the argument
        sb.append(pattern, i, escaped ? j - 1 : j);
        sb.append(args[arg]);
        i = j + 2;
      }
    }
    sb.append(pattern, i, pattern.length());
    return sb.toString();
  }
}
