package dev.obskit.spring.boot.autoconfigure.uptime;

import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import dev.obskit.uptime.UptimeModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import dev.obskit.core.ObsKit;
import dev.obskit.uptime.UptimeConfig;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

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
    return new ObsModuleRegistration("uptime", ObsModuleRegistration.UPTIME,
        ctx -> UptimeModule.create(ctx, UptimeConfig.fromProperties(ctx.config())));
  }

  /**
   * Monitors from a Spring resource ({@code obs.uptime.monitors.location}), loaded once the web
   * server listens so that they may use {@code ${local.server.port}}.
   */
  @Bean
  @ConditionalOnProperty(name = "obs.uptime.monitors.location")
  @ConditionalOnMissingBean
  MonitorsResource obsUptimeMonitorsResource(ObsKit obsKit, Environment environment,
      ResourceLoader resourceLoader) {
    return new MonitorsResource(obsKit, environment, resourceLoader,
        environment.getRequiredProperty("obs.uptime.monitors.location"));
  }

  /** Without a web server, the monitors resource is loaded when the context is ready. */
  @Bean
  @ConditionalOnProperty(name = "obs.uptime.monitors.location")
  ApplicationListener<ApplicationReadyEvent> obsUptimeMonitorsOnReady(MonitorsResource monitors) {
    return event -> monitors.load();
  }
}
