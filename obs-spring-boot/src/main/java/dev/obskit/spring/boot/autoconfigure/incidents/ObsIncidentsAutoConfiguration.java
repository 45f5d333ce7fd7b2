package dev.obskit.spring.boot.autoconfigure.incidents;

import dev.obskit.core.ObsKit;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.incidents.oncall.OnCallModule;
import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Incidents, escalation and on-call: the incidents module ({@code obs.incidents.*}), the on-call
 * schedules module, and, with {@code obs.incidents.config.location} (e.g.
 * {@code classpath:oncall.yaml}), services, escalation policies, responders, channels and
 * schedules from a file in obs-incidents' configuration-as-code format, applied at start
 * (idempotent: unchanged objects keep their ids and history).
 */
@AutoConfiguration(before = ObsKitAutoConfiguration.class)
@ConditionalOnClass(IncidentsModule.class)
@ConditionalOnProperty(name = {"obs.enabled", "obs.incidents.enabled"}, havingValue = "true",
    matchIfMissing = true)
public class ObsIncidentsAutoConfiguration {

  /** The incidents module, configured from {@code obs.incidents.*}. */
  @Bean
  @ConditionalOnMissingBean(name = "obsIncidentsModule")
  public ObsModuleRegistration obsIncidentsModule() {
    return new ObsModuleRegistration("incidents", ObsModuleRegistration.INCIDENTS,
        IncidentsModule::create);
  }

  /** On-call schedules; escalation finds who is on call through them. */
  @Bean
  @ConditionalOnMissingBean(name = "obsOnCallModule")
  @ConditionalOnProperty(name = "obs.oncall.enabled", havingValue = "true", matchIfMissing = true)
  public ObsModuleRegistration obsOnCallModule() {
    return new ObsModuleRegistration("oncall", ObsModuleRegistration.INCIDENTS - 10,
        OnCallModule::create);
  }

  /** Applies {@code obs.incidents.config.location} once the kit has started. */
  @Bean
  @ConditionalOnProperty(name = "obs.incidents.config.location")
  @ConditionalOnMissingBean
  IncidentsConfigResource obsIncidentsConfigResource(ObsKit obsKit, Environment environment,
      ResourceLoader resourceLoader) {
    IncidentsConfigResource resource = new IncidentsConfigResource(obsKit, environment,
        resourceLoader, environment.getRequiredProperty("obs.incidents.config.location"));
    resource.apply();
    return resource;
  }
}
