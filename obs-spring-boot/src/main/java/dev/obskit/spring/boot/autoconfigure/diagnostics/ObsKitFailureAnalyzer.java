package dev.obskit.spring.boot.autoconfigure.diagnostics;

import dev.obskit.core.ObsStartException;
import dev.obskit.core.config.ConfigException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns ObsKit's startup failures into Boot's "APPLICATION FAILED TO START" report with a fix:
 * a bad {@code obs.*} value (the key and why), the missing Chronicle Queue JVM flags (the exact
 * fix for {@code java -jar}, the executable jar's manifest, Maven and Gradle), an unreachable
 * database, and any other module that refused to start.
 */
public final class ObsKitFailureAnalyzer implements FailureAnalyzer {
  /** The JVM flags the durable telemetry buffer needs on Java 17+. */
  static final String OPENS = "java.base/java.lang.reflect java.base/java.nio java.base/sun.nio.ch"
      + " java.base/java.lang";
  static final String EXPORTS = "java.base/sun.nio.ch java.base/jdk.internal.ref"
      + " java.base/jdk.internal.misc jdk.unsupported/sun.misc";

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    ConfigException config = find(failure, ConfigException.class);
    if (config != null) {
      return new FailureAnalysis("ObsKit configuration is invalid: " + config.getMessage(),
          "Correct the value of '" + config.key() + "' (application.yml/properties, or the"
              + " environment variable " + envName(config.key()) + ").", failure);
    }
    ObsStartException start = find(failure, ObsStartException.class);
    if (start == null) {
      return null;
    }
    String message = String.valueOf(start.getMessage());
    if (message.contains("--add-opens") || message.contains("--add-exports")) {
      return new FailureAnalysis(message, chronicleAction(), failure);
    }
    if (message.contains("jdbc:") || find(failure, java.sql.SQLException.class) != null) {
      return new FailureAnalysis(message, "Check that the database named above is running and"
          + " reachable, or remove the DataSource so that ObsKit uses its embedded H2 database"
          + " under obs.data-dir.", failure);
    }
    return new FailureAnalysis(message, "Fix the cause above, or turn the module off with"
        + " obs.<module>.enabled=false.", failure);
  }

  static String chronicleAction() {
    String flags = flags();
    return "Give the JVM the flags of the durable telemetry buffer. Either:\n"
        + "  java -jar: java " + flags + " -jar app.jar\n"
        + "  or, with no command-line flags, in the executable jar's manifest (spring-boot-maven-plugin"
        + " keeps the jar plugin's <manifestEntries>):\n"
        + "    Add-Opens: " + OPENS + "\n"
        + "    Add-Exports: " + EXPORTS + "\n"
        + "  Maven: spring-boot:run <jvmArguments>" + flags + "</jvmArguments>, surefire <argLine>"
        + flags + "</argLine>\n"
        + "  Gradle: bootRun { jvmArgs '" + flags.replace(" ", "', '") + "' }, test { jvmArgs ... }\n"
        + "Or accept losing buffered logs on a crash: obs.telemetry.buffer.type=memory.";
  }

  private static String flags() {
    StringBuilder sb = new StringBuilder();
    for (String p : OPENS.split(" ")) {
      sb.append("--add-opens=").append(p).append("=ALL-UNNAMED ");
    }
    for (String p : EXPORTS.split(" ")) {
      sb.append("--add-exports=").append(p).append("=ALL-UNNAMED ");
    }
    return sb.toString().trim();
  }

  private static String envName(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
