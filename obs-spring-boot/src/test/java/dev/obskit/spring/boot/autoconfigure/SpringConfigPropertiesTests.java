package dev.obskit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.config.ConfigProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SpringConfigPropertiesTests {

  private static StandardEnvironment env() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    return env;
  }

  @Test
  void yamlStyleKeys_reachTheModulesView_withTheirTypes() {
    StandardEnvironment env = env();
    env.getPropertySources().addLast(new MapPropertySource("yaml", Map.of(
        "obs.uptime.probe.threads", "8",
        "obs.telemetry.batch.max-age", "2s",
        "obs.errors.publicKeys[0]", "a",
        "obs.errors.publicKeys[1]", "b",
        "spring.application.name", "shop")));
    ConfigProperties c = SpringConfigProperties.from(env);
    assertThat(c.getInt("obs.uptime.probe.threads")).isEqualTo(8);
    assertThat(c.getDuration("obs.telemetry.batch.max-age")).isEqualTo(Duration.ofSeconds(2));
    // camelCase in YAML is the same key as kebab-case, as everywhere in Spring.
    assertThat(c.getList("obs.errors.public-keys")).containsExactly("a", "b");
    assertThat(c.getString("spring.application.name")).isNull();
  }

  @Test
  void environmentVariables_winOverApplicationYaml_andAListComesWholeFromOneSource() {
    StandardEnvironment env = env();
    env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
        "OBS_ERRORS_PROJECT", "from-env",
        "OBS_ERRORS_PUBLICKEYS_0_", "env-key")));
    env.getPropertySources().addLast(new MapPropertySource("yaml", Map.of(
        "obs.errors.project", "from-yaml",
        "obs.errors.public-keys[0]", "y0",
        "obs.errors.public-keys[1]", "y1")));
    ConfigProperties c = SpringConfigProperties.from(env);
    assertThat(c.getString("obs.errors.project")).isEqualTo("from-env");
    assertThat(c.getList("obs.errors.public-keys")).containsExactly("env-key");
  }

  @Test
  void placeholders_areResolved() {
    StandardEnvironment env = env();
    env.getPropertySources().addLast(new MapPropertySource("yaml", Map.of(
        "obs.errors.release", "shop@${app.version}", "app.version", "1.4.2")));
    assertThat(SpringConfigProperties.from(env).getString("obs.errors.release")).isEqualTo("shop@1.4.2");
  }
}
