package dev.obskit.spring.boot.autoconfigure.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.obskit.telemetry.logback.ObsKitAppender;
import org.slf4j.LoggerFactory;

/**
 * The ObsKit telemetry appender attached to the root logger of Spring's Logback context, writing
 * into the pipeline of the kit's telemetry module. Detached when the context closes.
 */
public final class TelemetryLogbackAttachment implements AutoCloseable {
  static final String APPENDER_NAME = "OBSKIT_TELEMETRY";
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(TelemetryLogbackAttachment.class);
  private final ObsKitAppender appender;
  private final Logger root;

  private TelemetryLogbackAttachment(ObsKitAppender appender, Logger root) {
    this.appender = appender;
    this.root = root;
  }

  static TelemetryLogbackAttachment attach(boolean modulePresent, String minLevel) {
    if (!modulePresent) {
      return new TelemetryLogbackAttachment(null, null);
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      log.warn("SLF4J is not bound to Logback; application logs are not shipped by ObsKit "
          + "(configure the Log4j2 appender instead)");
      return new TelemetryLogbackAttachment(null, null);
    }
    ObsKitAppender appender = new ObsKitAppender();
    appender.setName(APPENDER_NAME);
    appender.setContext(context);
    if (minLevel != null && !minLevel.isBlank()) {
      appender.setMinLevel(minLevel);
    }
    appender.start();
    if (!appender.isStarted()) {
      log.warn("ObsKit telemetry appender did not start; see Logback's status messages");
      return new TelemetryLogbackAttachment(null, null);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new TelemetryLogbackAttachment(appender, root);
  }

  /** Returns whether the appender is attached. */
  public boolean isAttached() {
    return root != null && root.getAppender(APPENDER_NAME) == appender;
  }

  @Override
  public void close() {
    if (root != null) {
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
