package dev.obskit.spring.boot.autoconfigure.incidents;

import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import dev.obskit.incidents.IncidentsModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Incidents, escalation and on-call: the incidents module, configured from {@code obs.incidents.*}.
 */
@AutoConfiguration(before = ObsKitAutoConfiguration.class)
@ConditionalOnClass(IncidentsModule.class)
@ConditionalOnProperty(name = {"obs.enabled", "obs.incidents.enabled"}, havingValue = "true",
    matchIfMissing = true)
public class ObsIncidentsAutoConfiguration {

  /** The module, configured from {@code obs.incidents.*}; replace this bean to configure it in code. */
  @Bean
  @ConditionalOnMissingBean(name = "obsIncidentsModule")
  public ObsModuleRegistration obsIncidentsModule() {
    return new ObsModuleRegistration("incidents", ObsModuleRegistration.INCIDENTS, IncidentsModule::create);
  }
}
