package dev.obskit.spring.boot.autoconfigure.errors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.errors.logback.ObsErrorsAppender;
import org.slf4j.LoggerFactory;

/**
 * The obs-errors Logback appender attached to the root logger of Spring's Logback context, so a
 * Boot application needs no {@code logback-spring.xml}. Detached again when the context closes.
 * Does nothing (and says so once) when SLF4J is not bound to Logback.
 */
public final class ErrorsLogbackAttachment implements AutoCloseable {
  static final String APPENDER_NAME = "OBSKIT_ERRORS";
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ErrorsLogbackAttachment.class);
  private final ObsErrorsAppender appender;
  private final Logger root;

  private ErrorsLogbackAttachment(ObsErrorsAppender appender, Logger root) {
    this.appender = appender;
    this.root = root;
  }

  static ErrorsLogbackAttachment attach(ErrorTracker tracker, String level) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      log.info("SLF4J is not bound to Logback; ERROR log lines are not captured as errors");
      return new ErrorsLogbackAttachment(null, null);
    }
    ObsErrorsAppender appender = new ObsErrorsAppender();
    appender.setName(APPENDER_NAME);
    appender.setContext(context);
    appender.setTracker(tracker);
    appender.setMinimumEventLevel(level);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new ErrorsLogbackAttachment(appender, root);
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
