package dev.obskit.spring.boot.autoconfigure.actuate;

import dev.obskit.core.ObsKit;
import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator: a health indicator per module ({@code management.health.obskit.enabled}), the
 * {@code obskit} endpoint (expose it with {@code management.endpoints.web.exposure.include}), and
 * ObsKit's meters on the application's {@code MeterRegistry}.
 */
@AutoConfiguration(after = ObsKitAutoConfiguration.class)
@ConditionalOnClass({HealthContributor.class, ObsKit.class})
@ConditionalOnBean(ObsKit.class)
public class ObsKitActuatorAutoConfiguration {

  @Bean
  @ConditionalOnEnabledHealthIndicator("obskit")
  @ConditionalOnMissingBean(name = "obskitHealthContributor")
  public HealthContributor obskitHealthContributor(ObsKit obsKit) {
    return new ObsKitHealthContributor(obsKit);
  }

  /** {@code obs.actuator.teams}: the teams whose month-to-date usage the endpoint shows. */
  @Bean
  @ConditionalOnAvailableEndpoint
  @ConditionalOnMissingBean
  public ObsKitEndpoint obsKitEndpoint(ObsKit obsKit,
      @Value("${obs.actuator.teams:${obs.errors.team:default}}") List<String> teams) {
    return new ObsKitEndpoint(obsKit, EndpointSections.teams(teams));
  }

  /** Meters, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Meters {
    @Bean
    @ConditionalOnMissingBean(name = "obskitMeterBinder")
    io.micrometer.core.instrument.binder.MeterBinder obskitMeterBinder(ObsKit obsKit) {
      return new ObsKitMeterBinder(obsKit);
    }
  }
}
