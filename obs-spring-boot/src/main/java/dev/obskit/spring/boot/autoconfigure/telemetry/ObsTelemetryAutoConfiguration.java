package dev.obskit.spring.boot.autoconfigure.telemetry;

import dev.obskit.core.ObsKit;
import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import dev.obskit.telemetry.TelemetryModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Log shipping: the telemetry module (its durable buffer, batching sender and sinks, from
 * {@code obs.telemetry.*}) and the ObsKit Logback appender on the root logger, so the
 * application's logs ship with no {@code logback-spring.xml}. Off unless
 * {@code obs.telemetry.enabled=true}: shipping logs is a decision, with a disk buffer and sinks.
 */
@AutoConfiguration(before = ObsKitAutoConfiguration.class)
@ConditionalOnClass(TelemetryModule.class)
@ConditionalOnProperty(name = "obs.telemetry.enabled", havingValue = "true")
@EnableConfigurationProperties(ObsTelemetryProperties.class)
public class ObsTelemetryAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "obsTelemetryModule")
  public ObsModuleRegistration obsTelemetryModule() {
    return new ObsModuleRegistration("telemetry", ObsModuleRegistration.TELEMETRY,
        TelemetryModule::create);
  }

  /** Attaches the appender once the kit (and so the pipeline it writes into) has started. */
  @Bean(destroyMethod = "close")
  @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
  @ConditionalOnProperty(name = "obs.telemetry.logback.enabled", havingValue = "true",
      matchIfMissing = true)
  @ConditionalOnMissingBean
  public TelemetryLogbackAttachment obsTelemetryLogbackAttachment(ObsKit obsKit,
      ObsTelemetryProperties properties) {
    return TelemetryLogbackAttachment.attach(obsKit.findModule(TelemetryModule.class).isPresent(),
        properties.getLogback().getMinLevel());
  }
}
