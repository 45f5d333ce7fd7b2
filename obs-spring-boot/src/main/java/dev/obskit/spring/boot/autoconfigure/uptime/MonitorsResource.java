package dev.obskit.spring.boot.autoconfigure.uptime;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigException;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.UptimeModule;
import dev.obskit.uptime.config.MonitorFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads monitors and heartbeats from a Spring resource ({@code obs.uptime.monitors.location}, e.g.
 * {@code classpath:monitors.yaml}), in the format of obs-uptime's monitors file, once the
 * application's web server is listening, so the file may watch the application itself:
 * {@code url: http://127.0.0.1:${local.server.port}/health} — Spring placeholders are resolved
 * first. Without a web server the file is loaded when the context is ready. A bad file fails with
 * the file's own message (every problem, naming the monitor and field).
 */
final class MonitorsResource implements ApplicationListener<WebServerInitializedEvent> {
  private static final Logger log = LoggerFactory.getLogger(MonitorsResource.class);
  private final ObsKit kit;
  private final Environment environment;
  private final ResourceLoader resources;
  private final String location;
  private volatile boolean loaded;

  MonitorsResource(ObsKit kit, Environment environment, ResourceLoader resources, String location) {
    this.kit = kit;
    this.environment = environment;
    this.resources = resources;
    this.location = location;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() == null) {
      load();
    }
  }

  /** Loads the file once; later calls do nothing. */
  synchronized void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    UptimeModule uptime = kit.findModule(UptimeModule.class).orElse(null);
    if (uptime == null) {
      return;
    }
    MonitorFile.Contents contents = parse(read());
    contents.monitors().forEach(uptime::addMonitor);
    contents.heartbeats().forEach(uptime::addHeartbeat);
    log.info("ObsKit uptime: {} monitor(s) and {} heartbeat(s) from {}", contents.monitors().size(),
        contents.heartbeats().size(), location);
  }

  private String read() {
    Resource resource = resources.getResource(location);
    try (InputStream in = resource.getInputStream()) {
      byte[] bytes = in.readNBytes(MonitorFile.MAX_FILE_BYTES + 1);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("obs.uptime.monitors.location", "cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  private MonitorFile.Contents parse(String text) {
    String resolved = environment.resolveRequiredPlaceholders(text);
    boolean json = location.toLowerCase(Locale.ROOT).endsWith(".json");
    String team = environment.getProperty("obs.uptime.team");
    return MonitorFile.parse(resolved, json, location,
        Optional.ofNullable(team).map(TeamId::of));
  }
}
