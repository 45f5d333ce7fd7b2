package dev.obskit.spring.boot.autoconfigure.billing;

import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import dev.obskit.billing.BillingModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Usage metering and billing: the billing module, configured from {@code obs.billing.*}.
 */
@AutoConfiguration(before = ObsKitAutoConfiguration.class)
@ConditionalOnClass(BillingModule.class)
@ConditionalOnProperty(name = {"obs.enabled", "obs.billing.enabled"}, havingValue = "true",
    matchIfMissing = true)
public class ObsBillingAutoConfiguration {

  /** The module, configured from {@code obs.billing.*}; replace this bean to configure it in code. */
  @Bean
  @ConditionalOnMissingBean(name = "obsBillingModule")
  public ObsModuleRegistration obsBillingModule() {
    return new ObsModuleRegistration("billing", ObsModuleRegistration.BILLING, ctx -> BillingModule.create(ctx, dev.obskit.billing.BillingProperties.read(ctx.config())));
  }
}
