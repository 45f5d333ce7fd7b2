package dev.obskit.spring.boot.autoconfigure.errors;

import dev.obskit.core.ObsKit;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ErrorsProperties;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.spring.boot.autoconfigure.ObsKitAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.ObsModuleRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Error tracking: the errors module (from {@code obs.errors.*}, or a host {@link ErrorsConfig}
 * bean), its {@link ErrorTracker} as a bean, and in a servlet web application the capture of
 * unhandled MVC exceptions with the request and the authenticated user, never changing the
 * response. ERROR log lines are captured through the obs-errors Logback appender when
 * {@code obs.errors.capture-logs} is true (the default), which also covers {@code @Async} and
 * {@code @Scheduled} failures, which Spring logs at ERROR.
 */
@AutoConfiguration(before = ObsKitAutoConfiguration.class)
@ConditionalOnClass(ErrorsModule.class)
@ConditionalOnProperty(name = {"obs.enabled", "obs.errors.enabled"}, havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(ObsErrorsProperties.class)
public class ObsErrorsAutoConfiguration {

  /** The errors module; a host {@link ErrorsConfig} bean replaces the properties. */
  @Bean
  @ConditionalOnMissingBean(name = "obsErrorsModule")
  public ObsModuleRegistration obsErrorsModule(ObjectProvider<ErrorsConfig> hostConfig) {
    return new ObsModuleRegistration("errors", ObsModuleRegistration.ERRORS, ctx -> {
      ErrorsConfig config = hostConfig.getIfAvailable(() -> ErrorsProperties.read(ctx.config()));
      return ErrorsModule.create(ctx, config);
    });
  }

  /** The in-process tracker: {@code tracker.capture(e)} from host code. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public ErrorTracker obsErrorTracker(ObsKit obsKit) {
    return obsKit.findModule(ErrorsModule.class).map(ErrorsModule::tracker)
        .orElseGet(ErrorTracker::noop);
  }

  /** Attaches the ERROR-capturing appender to Logback's root logger. */
  @Bean(destroyMethod = "close")
  @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
  @ConditionalOnProperty(name = "obs.errors.capture-logs", havingValue = "true", matchIfMissing = true)
  @ConditionalOnMissingBean
  public ErrorsLogbackAttachment obsErrorsLogbackAttachment(ErrorTracker obsErrorTracker,
      ObsErrorsProperties properties) {
    return ErrorsLogbackAttachment.attach(obsErrorTracker, properties.getLogLevel());
  }

  /** MVC capture, only in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({HandlerExceptionResolver.class, jakarta.servlet.Filter.class})
  static class WebCapture {

    @Bean
    @ConditionalOnMissingBean
    ObsErrorsExceptionResolver obsErrorsExceptionResolver(ErrorTracker obsErrorTracker) {
      return new ObsErrorsExceptionResolver(obsErrorTracker);
    }

    @Bean
    @ConditionalOnMissingBean(name = "obsErrorsRequestScopeFilter")
    FilterRegistrationBean<RequestScopeFilter> obsErrorsRequestScopeFilter(
        ErrorTracker obsErrorTracker, ObsErrorsProperties properties) {
      FilterRegistrationBean<RequestScopeFilter> registration = new FilterRegistrationBean<>(
          new RequestScopeFilter(obsErrorTracker, properties.isSendDefaultPii()));
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
      registration.setName("obsErrorsRequestScopeFilter");
      return registration;
    }
  }
}
