package dev.obskit.spring.boot.autoconfigure.telemetry;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Log and telemetry shipping ({@code obs.telemetry.*}). The full key list is in obs-telemetry's
 * README ({@code TelemetryProperties}); the most used keys are documented here for IDE completion.
 */
@ConfigurationProperties("obs.telemetry")
public class ObsTelemetryProperties {
  /** Whether logs are shipped (off by default). */
  private boolean enabled;
  /** Base folder of the buffer, dead letters and the file sink; default under obs.data-dir. */
  private String dir;
  /** Sinks, any of: file, betterstack, otlp, clickhouse. */
  private List<String> sinks = new ArrayList<>(List.of("file"));
  /** The appender attached to Logback's root logger. */
  private final Logback logback = new Logback();
  /** Buffer settings. */
  private final Buffer buffer = new Buffer();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getDir() {
    return dir;
  }

  public void setDir(String dir) {
    this.dir = dir;
  }

  public List<String> getSinks() {
    return sinks;
  }

  public void setSinks(List<String> sinks) {
    this.sinks = sinks;
  }

  public Logback getLogback() {
    return logback;
  }

  public Buffer getBuffer() {
    return buffer;
  }

  /** The Logback appender. */
  public static class Logback {
    /** Attach the appender to the root logger. */
    private boolean enabled = true;
    /** Lowest level shipped, e.g. INFO; empty ships everything the loggers let through. */
    private String minLevel;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getMinLevel() {
      return minLevel;
    }

    public void setMinLevel(String minLevel) {
      this.minLevel = minLevel;
    }
  }

  /** The durable buffer. */
  public static class Buffer {
    /** chronicle (durable, default) or memory. */
    private String type = "chronicle";
    /** Largest size of unshipped data, e.g. 1GB. */
    private String maxBytes;

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public String getMaxBytes() {
      return maxBytes;
    }

    public void setMaxBytes(String maxBytes) {
      this.maxBytes = maxBytes;
    }
  }
}
