package dev.obskit.errors.capture;

import dev.obskit.errors.event.ExceptionValue;
import dev.obskit.errors.event.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns a Throwable into Sentry's {@code exception.values}, as sentry-java does: the throwable,
 * then its causes (cycle-safe), then suppressed exceptions; root cause first; frames caller to
 * callee; simple class name as type and the package as module; application frames marked in-app
 * by package prefix, other frames left unmarked. Runs on the worker thread. Thread-safe.
 */
final class ThrowableConverter {
  private static final int MAX_CHAIN = 32;

  private final String[] inAppPrefixes;
  private final int maxFrames;

  ThrowableConverter(List<String> inAppPrefixes, int maxFrames) {
    this.inAppPrefixes = inAppPrefixes.toArray(new String[0]);
    this.maxFrames = maxFrames;
  }

  List<ExceptionValue> convert(Throwable top, String topMechanism, Boolean handled) {
    List<ExceptionValue> newestFirst = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    add(top, topMechanism, handled, newestFirst, seen);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private void add(Throwable t, String mechanism, Boolean handled, List<ExceptionValue> out,
      Set<Throwable> seen) {
    Throwable cur = t;
    String mech = mechanism;
    while (cur != null && out.size() < MAX_CHAIN && seen.add(cur)) {
      out.add(value(cur, mech, handled));
      for (Throwable s : cur.getSuppressed()) {
        add(s, "suppressed", handled, out, seen);
      }
      cur = cur.getCause();
      mech = "chained";
    }
  }

  private ExceptionValue value(Throwable t, String mechanism, Boolean handled) {
    Class<?> type = t.getClass();
    String pkg = type.getPackageName();
    return new ExceptionValue(type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName(),
        t.getMessage(), pkg.isEmpty() ? null : pkg, frames(t.getStackTrace()), mechanism, false, handled);
  }

  private List<StackFrame> frames(StackTraceElement[] trace) {
    int n = Math.min(trace.length, maxFrames);
    List<StackFrame> frames = new ArrayList<>(n);
    // trace[0] is the throw site; Sentry orders caller -> callee, so walk backwards.
    for (int i = n - 1; i >= 0; i--) {
      StackTraceElement e = trace[i];
      String cls = e.getClassName();
      frames.add(new StackFrame(cls, e.getMethodName(), e.getFileName(), null,
          e.getLineNumber() >= 0 ? e.getLineNumber() : null, isInApp(cls) ? Boolean.TRUE : null));
    }
    return frames;
  }

  private boolean isInApp(String className) {
    for (String p : inAppPrefixes) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
