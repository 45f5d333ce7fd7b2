package dev.obskit.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by the whole kit ({@code obs.*}). Each feature has its own small properties
 * class ({@code obs.errors.*}, {@code obs.telemetry.*}, ...); every {@code obs.*} key, including
 * module keys not listed in these classes, also reaches the modules' own configuration readers.
 */
@ConfigurationProperties("obs")
public class ObsKitProperties {
  /** Whether ObsKit is configured at all. */
  private boolean enabled = true;

  /** Folder for ObsKit's files (durable buffers, embedded database, snapshots). */
  private Path dataDir = Path.of("obskit-data");

  /** Longest time the kit may take to stop when the application context closes. */
  private Duration shutdownTimeout = Duration.ofSeconds(10);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Path getDataDir() {
    return dataDir;
  }

  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }
}
