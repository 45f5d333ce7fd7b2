package dev.obskit.spring.boot.autoconfigure.uptime;

import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import dev.obskit.uptime.UptimeModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Uptime and heartbeat monitoring: the uptime module with its monitors (from {@code obs.uptime.monitors.file}), heartbeats, history and SLOs.
 */
@AutoConfiguration(before = ObsKitAutoConfiguration.class)
@ConditionalOnClass(UptimeModule.class)
@ConditionalOnProperty(name = {"obs.enabled", "obs.uptime.enabled"}, havingValue = "true",
    matchIfMissing = true)
public class ObsUptimeAutoConfiguration {

  /** The module, configured from {@code obs.uptime.*}; replace this bean to configure it in code. */
  @Bean
  @ConditionalOnMissingBean(name = "obsUptimeModule")
  public ObsModuleRegistration obsUptimeModule() {
    return new ObsModuleRegistration("uptime", ObsModuleRegistration.UPTIME, ctx -> UptimeModule.create(ctx, dev.obskit.uptime.UptimeConfig.fromProperties(ctx.config())));
  }
}
