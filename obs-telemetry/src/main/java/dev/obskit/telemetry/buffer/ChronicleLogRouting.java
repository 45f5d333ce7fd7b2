package dev.obskit.telemetry.buffer;

import dev.obskit.telemetry.SelfDiagnostics;
import dev.obskit.telemetry.Severity;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import org.slf4j.Logger;

/**
 * Routes Chronicle's own messages (it reports through {@code Jvm.error()/warn()/perf()/debug()},
 * which log through SLF4J by default) so that none reaches the host's appenders while a thread is
 * inside an ObsKit append, where a logging call would re-enter the logging framework in the middle
 * of a Chronicle write. Those, and Chronicle's routine messages on ObsKit's own use (a cycle file
 * the retention deleted, "took N us to grow file"), go to {@link SelfDiagnostics} only; anything
 * else keeps going to Chronicle's previous handler.
 *
 * <p>Installed once per JVM when the first durable buffer opens. The handlers are Chronicle-wide
 * (a host that also uses Chronicle sees its messages diverted only on ObsKit's threads and append
 * paths, and the routine ones listed above).
 */
final class ChronicleLogRouting {
  private static final String[] ROUTINE = {
      "seems to have been deleted", "to grow file"};
  private static boolean installed;

  private ChronicleLogRouting() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    // Jvm.error() etc. are thread-localised wrappers whose default handler is replaced below;
    // keep the handler they delegated to so non-routine messages still reach it.
    Jvm.setErrorExceptionHandler(new Router(Jvm.error().defaultHandler(), Severity.ERROR));
    Jvm.setWarnExceptionHandler(new Router(Jvm.warn().defaultHandler(), Severity.WARN));
    Jvm.setPerfExceptionHandler(new Router(Jvm.perf().defaultHandler(), Severity.DEBUG));
    Jvm.setDebugExceptionHandler(new Router(Jvm.debug().defaultHandler(), Severity.DEBUG));
  }

  static boolean isRoutine(String message) {
    if (message == null) {
      return false;
    }
    for (String r : ROUTINE) {
      if (message.contains(r)) {
        return true;
      }
    }
    return false;
  }

  private static final class Router implements ExceptionHandler {
    private final ExceptionHandler previous;
    private final Severity severity;

    Router(ExceptionHandler previous, Severity severity) {
      // unwrap: the thread-localised wrapper would call back into this router
      this.previous = previous instanceof Router ? null : previous;
      this.severity = severity;
    }

    @Override
    public void on(Logger logger, String message, Throwable thrown) {
      String name = logger == null ? "net.openhft" : logger.getName();
      if (SelfDiagnostics.mustDivert("") || isRoutine(message)) {
        SelfDiagnostics.record(severity, name, thrown == null ? message : message + ": " + thrown);
        return;
      }
      if (previous != null) {
        previous.on(logger, message, thrown);
      }
    }

    @Override
    public void on(Class<?> type, String message, Throwable thrown) {
      on(org.slf4j.LoggerFactory.getLogger(type == null ? ChronicleLogRouting.class : type), message,
          thrown);
    }

    @Override
    public boolean isEnabled(Class<?> type) {
      return previous != null && previous.isEnabled(type);
    }
  }
}
