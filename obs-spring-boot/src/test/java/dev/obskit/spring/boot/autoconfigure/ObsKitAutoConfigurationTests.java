package dev.obskit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.ObsModule;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.ErrorsConfig;
import dev.obskit.errors.ErrorsModule;
import dev.obskit.errors.ProjectConfig;
import dev.obskit.errors.capture.ErrorTracker;
import dev.obskit.incidents.IncidentsModule;
import dev.obskit.spring.boot.autoconfigure.billing.ObsBillingAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.diagnostics.ObsKitFailureAnalyzer;
import dev.obskit.spring.boot.autoconfigure.errors.ObsErrorsAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.incidents.ObsIncidentsAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.telemetry.ObsTelemetryAutoConfiguration;
import dev.obskit.spring.boot.autoconfigure.uptime.ObsUptimeAutoConfiguration;
import dev.obskit.uptime.UptimeModule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ObsKitAutoConfigurationTests {
  @TempDir
  Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ObsKitAutoConfiguration.class,
            ObsTelemetryAutoConfiguration.class, ObsErrorsAutoConfiguration.class,
            ObsUptimeAutoConfiguration.class, ObsIncidentsAutoConfiguration.class,
            ObsBillingAutoConfiguration.class))
        .withPropertyValues("obs.data-dir=" + dataDir, "obs.errors.capture-logs=false");
  }

  private static List<String> moduleNames(ObsKit kit) {
    return kit.modules().stream().map(ObsModule::name).toList();
  }

  @Test
  void kitStartsWithEveryFeatureButTelemetryByDefault() {
    runner().run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(ObsKit.class).hasSingleBean(ErrorTracker.class);
      // Start order: billing, incidents (subscribed before alert producers), errors, uptime.
      assertThat(moduleNames(context.getBean(ObsKit.class)))
          .containsExactly("billing", "oncall", "incidents", "errors", "uptime");
    });
  }

  @Test
  void obsEnabledFalse_createsNothing() {
    runner().withPropertyValues("obs.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(ObsKit.class)
          .doesNotHaveBean(ErrorTracker.class).doesNotHaveBean(ObsModuleRegistration.class);
    });
  }

  @Test
  void featureEnabledFalse_leavesThatModuleOut() {
    runner().withPropertyValues("obs.errors.enabled=false", "obs.uptime.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(ErrorTracker.class);
          assertThat(moduleNames(context.getBean(ObsKit.class)))
              .containsExactly("billing", "oncall", "incidents");
        });
  }

  @Test
  void missingModuleClasses_leaveThatFeatureOut() {
    runner().withClassLoader(new FilteredClassLoader(ErrorsModule.class, UptimeModule.class))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(ErrorTracker.class);
          assertThat(moduleNames(context.getBean(ObsKit.class)))
              .containsExactly("billing", "oncall", "incidents");
        });
  }

  @Test
  void properties_reachTheModules() {
    runner().withPropertyValues("obs.errors.project=shop", "obs.errors.team=acme",
        "obs.errors.public-keys[0]=k1", "obs.errors.public-keys[1]=k2").run(context -> {
          ErrorsModule errors = context.getBean(ObsKit.class).module(ErrorsModule.class);
          ProjectConfig shop = errors.projects().find(ProjectId.of("shop")).orElseThrow();
          assertThat(shop.teamId()).isEqualTo(TeamId.of("acme"));
          assertThat(shop.publicKeys()).containsExactly("k1", "k2");
        });
  }

  @Test
  void hostErrorsConfigBean_winsOverProperties() {
    runner().withPropertyValues("obs.errors.project=from-properties")
        .withUserConfiguration(HostErrorsConfig.class).run(context -> {
          ErrorsModule errors = context.getBean(ObsKit.class).module(ErrorsModule.class);
          assertThat(errors.projects().find(ProjectId.of("from-code"))).isPresent();
          assertThat(errors.projects().find(ProjectId.of("from-properties"))).isEmpty();
        });
  }

  @Test
  void hostKitBean_winsAndNoSecondKitIsBuilt() {
    runner().withUserConfiguration(HostKit.class).run(context -> {
      assertThat(context).hasSingleBean(ObsKit.class);
      assertThat(moduleNames(context.getBean(ObsKit.class))).containsExactly("incidents");
    });
  }

  @Test
  void hostModuleRegistration_replacesTheFeaturesOne() {
    runner().withUserConfiguration(HostIncidentsModule.class).run(context -> {
      IncidentsModule incidents = context.getBean(ObsKit.class).module(IncidentsModule.class);
      assertThat(incidents).isSameAs(HostIncidentsModule.created);
    });
  }

  @Test
  void badProperty_failsWithAnAnalysisNamingTheKey() {
    runner().withPropertyValues("obs.errors.sample-rate=2").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new ObsKitFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("obs.errors.sample-rate").contains("2");
      assertThat(analysis.getAction()).contains("OBS_ERRORS_SAMPLE_RATE");
    });
  }

  @Test
  void contextClose_shutsTheKitDown() {
    ObsKit[] kit = new ObsKit[1];
    runner().run(context -> kit[0] = context.getBean(ObsKit.class));
    assertThat(kit[0].shutdown().isClean()).isTrue();
    assertThat(kit[0].shutdown()).isSameAs(kit[0].shutdown());
  }

  @Configuration(proxyBeanMethods = false)
  static class HostErrorsConfig {
    @Bean
    ErrorsConfig errorsConfig() {
      ProjectConfig p = ProjectConfig.builder(ProjectId.of("from-code"), TeamId.of("t")).build();
      return ErrorsConfig.builder().addProject(p).setCaptureProject(p.id())
          .setInstallGlobalTracker(false).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostKit {
    @Bean(destroyMethod = "close")
    ObsKit obsKit() {
      return ObsKit.builder().addModule(IncidentsModule::create).build().start();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostIncidentsModule {
    static volatile IncidentsModule created;

    @Bean
    ObsModuleRegistration obsIncidentsModule() {
      return new ObsModuleRegistration("incidents", 1, ctx -> {
        created = IncidentsModule.create(ctx);
        return created;
      });
    }
  }
}
