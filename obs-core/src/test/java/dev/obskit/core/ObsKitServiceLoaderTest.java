package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.config.ConfigException;
import dev.obskit.core.config.ConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObsKitServiceLoaderTest {

  private static ObsKit build(Map<String, String> config) {
    return ObsKit.builder().setConfig(ConfigProperties.of(config))
        .addModule(ctx -> new TestModuleProviders.NamedModule("in-code"))
        .addServiceLoaderModules()
        .build();
  }

  @Test
  void addServiceLoaderModules_addsProvidersAfterCodeModulesInProviderOrder() {
    ObsKit kit = build(Map.of("obs.plain.suffix", "cfg"));

    assertThat(kit.modules()).extracting(ObsModule::name)
        .containsExactly("in-code", "early", "plain-cfg", "late");
  }

  @Test
  void addServiceLoaderModules_skipsProvidersDisabledByConfig() {
    ObsKit kit = build(Map.of("obs.late.enabled", "false", "obs.early.enabled", "TRUE"));

    assertThat(kit.modules()).extracting(ObsModule::name).containsExactly("in-code", "early", "plain-x");
  }

  @Test
  void addServiceLoaderModules_whenEnabledFlagMalformed_throwsNamingKey() {
    assertThatThrownBy(() -> build(Map.of("obs.early.enabled", "sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("obs.early.enabled: expected true or false but got 'sometimes'");
  }

  @Test
  void withoutAddServiceLoaderModules_providersAreIgnored() {
    ObsKit kit = ObsKit.builder().setConfig(ConfigProperties.of(Map.of())).build();

    assertThat(kit.modules()).isEmpty();
  }
}
