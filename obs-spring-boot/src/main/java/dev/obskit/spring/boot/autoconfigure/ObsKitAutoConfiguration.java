package dev.obskit.spring.boot.autoconfigure;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsKitBuilder;
import dev.obskit.core.config.ConfigProperties;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The kit: one {@link ObsKit} bean holding every module whose feature auto-configuration is active,
 * configured from Spring's {@link Environment}. Started when the bean is created, closed (within
 * {@code obs.shutdown-timeout}) when the context closes. {@code obs.enabled=false} turns ObsKit
 * off entirely.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "obs", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ObsKitProperties.class)
public class ObsKitAutoConfiguration {

  /** The {@code obs.*} keys of the environment, as every module reads them. */
  @Bean
  @ConditionalOnMissingBean
  public ConfigProperties obsConfigProperties(Environment environment, ObsKitProperties properties) {
    return SpringConfigProperties.from(environment, embeddedDefaults(properties));
  }

  /**
   * Embedded defaults that differ from the plain-Java ones: every file ObsKit writes goes under
   * {@code obs.data-dir}, and shipped logs go to the local NDJSON file sink unless sinks are set.
   */
  static Map<String, String> embeddedDefaults(ObsKitProperties properties) {
    Map<String, String> all = new TreeMap<>();
    Path dataDir = properties.getDataDir();
    all.put("obs.data-dir", dataDir.toString());
    all.put("obs.telemetry.dir", dataDir.resolve("telemetry").toString());
    all.put("obs.telemetry.sinks", "file");
    all.put("obs.uptime.history.file", dataDir.resolve("uptime-history.bin").toString());
    return all;
  }

  /** The kit, started, with the modules of every active feature in their order. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ObsKit obsKit(ConfigProperties obsConfigProperties, ObsKitProperties properties,
      ObjectProvider<ObsModuleRegistration> modules, ObjectProvider<ObsKitCustomizer> customizers) {
    ObsKitBuilder builder = ObsKit.builder()
        .setConfig(obsConfigProperties)
        .setShutdownTimeout(properties.getShutdownTimeout());
    modules.stream()
        .sorted(Comparator.comparingInt(ObsModuleRegistration::order))
        .forEach(m -> builder.addModule(m.factory()));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build().start();
  }
}
