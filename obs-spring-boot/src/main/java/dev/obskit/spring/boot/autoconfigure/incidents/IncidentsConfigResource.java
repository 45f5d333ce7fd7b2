package dev.obskit.spring.boot.autoconfigure.incidents;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigException;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.config.ApplyReport;
import dev.obskit.incidents.config.IncidentsConfigFile;
import dev.obskit.incidents.config.IncidentsDefinition;
import dev.obskit.incidents.oncall.OnCallModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * An incidents configuration file read from a Spring resource, with Spring placeholders resolved
 * (so a webhook URL may be {@code http://127.0.0.1:${server.port}/hooks}), and applied to the
 * running incidents and on-call modules. A bad file stops the start with every problem listed.
 */
final class IncidentsConfigResource {
  private static final Logger log = LoggerFactory.getLogger(IncidentsConfigResource.class);
  private final ObsKit kit;
  private final Environment environment;
  private final ResourceLoader resources;
  private final String location;

  IncidentsConfigResource(ObsKit kit, Environment environment, ResourceLoader resources,
      String location) {
    this.kit = kit;
    this.environment = environment;
    this.resources = resources;
    this.location = location;
  }

  ApplyReport apply() {
    IncidentsModule incidents = kit.module(IncidentsModule.class);
    OnCallModule oncall = kit.module(OnCallModule.class);
    String text = environment.resolveRequiredPlaceholders(read());
    boolean json = location.toLowerCase(Locale.ROOT).endsWith(".json");
    IncidentsDefinition definition = IncidentsConfigFile.parse(text, json, location);
    ApplyReport report = IncidentsConfigFile.apply(definition, incidents.catalog(),
        incidents.policies(), incidents.responders(), oncall.schedules());
    log.info("ObsKit incidents configuration applied from {}: {}", location, report);
    return report;
  }

  private String read() {
    try (InputStream in = resources.getResource(location).getInputStream()) {
      byte[] bytes = in.readNBytes(IncidentsConfigFile.MAX_FILE_BYTES + 1);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("obs.incidents.config.location",
          "cannot read " + location + ": " + e.getMessage(), e);
    }
  }
}
