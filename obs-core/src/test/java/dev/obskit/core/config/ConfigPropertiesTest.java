package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigPropertiesTest {

  private static ConfigProperties props(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return ConfigProperties.of(map);
  }

  private static Properties system(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static ConfigException configError(Runnable call) {
    return catchThrowableOfType(ConfigException.class, call::run);
  }

  @Test
  void environmentNames_areNormalisedToDottedLowercaseKeys() {
    ConfigProperties cfg = DefaultConfigProperties.create(
        Map.of("OBS_TELEMETRY_ENDPOINT", "http://collector:4318", "OBS_UPTIME_MAX_MONITORS", "50"),
        new Properties(), Map.of());

    assertThat(cfg.getString("obs.telemetry.endpoint")).isEqualTo("http://collector:4318");
    assertThat(cfg.getString("OBS_TELEMETRY_ENDPOINT")).isEqualTo("http://collector:4318");
    assertThat(cfg.getString("obs.uptime.max-monitors")).isEqualTo("50");
    assertThat(cfg.getString("obs.uptime.max_monitors")).isEqualTo("50");
    assertThat(cfg.keysWithPrefix("obs.")).containsExactly("obs.telemetry.endpoint", "obs.uptime.max.monitors");
  }

  @Test
  void environmentNames_withDashesOrMixedCase_normaliseTheSameWay() {
    ConfigProperties cfg = DefaultConfigProperties.create(
        Map.of("OBS_ERRORS_MAX-BATCH", "5", "Obs_Mixed_Case", "m"), new Properties(), Map.of());

    assertThat(cfg.getInt("obs.errors.max-batch")).isEqualTo(5);
    assertThat(cfg.getString("obs.mixed.case")).isEqualTo("m");
  }

  @Test
  void environmentNames_collidingOnOneKey_resolveDeterministically() {
    Map<String, String> env = new HashMap<>();
    env.put("OBS_A_B", "upper");
    env.put("obs_a_b", "lower");

    for (int i = 0; i < 5; i++) {
      assertThat(DefaultConfigProperties.create(env, new Properties(), Map.of()).getString("obs.a.b"))
          .isEqualTo("lower");
    }
  }

  @Test
  void precedence_isEnvironmentThenSystemPropertiesThenOverrides() {
    ConfigProperties cfg = DefaultConfigProperties.create(
        Map.of("OBS_A", "env", "OBS_B", "env", "OBS_C", "env"),
        system("obs.b", "system", "obs.c", "system"),
        Map.of("obs.c", "override"));

    assertThat(cfg.getString("obs.a")).isEqualTo("env");
    assertThat(cfg.getString("obs.b")).isEqualTo("system");
    assertThat(cfg.getString("obs.c")).isEqualTo("override");
  }

  @Test
  void precedence_appliesAcrossSpellingsOfTheSameKey() {
    ConfigProperties cfg = DefaultConfigProperties.create(
        Map.of("OBS_ERRORS_SAMPLE_RATE", "0.1"), system("obs.errors.sample-rate", "0.5"), Map.of());

    assertThat(cfg.getDouble("obs.errors.sample-rate")).isEqualTo(0.5);
  }

  @Test
  void fromEnvironment_readsSystemPropertiesAndOverrides() {
    ConfigProperties cfg = ConfigProperties.fromEnvironment(Map.of("obs.test.override-only", "yes"));

    assertThat(cfg.getString("obs.test.override-only")).isEqualTo("yes");
    assertThat(cfg.getString("java.version")).isEqualTo(System.getProperty("java.version"));
  }

  @Test
  void getString_whenAbsentOrBlank_returnsNullOrDefault_andTrims() {
    ConfigProperties cfg = props("obs.blank", "   ", "obs.padded", "  v  ");

    assertThat(cfg.getString("obs.missing")).isNull();
    assertThat(cfg.getString("obs.blank")).isNull();
    assertThat(cfg.getString("obs.blank", "dflt")).isEqualTo("dflt");
    assertThat(cfg.getString("obs.padded")).isEqualTo("v");
  }

  @Test
  void getString_whenOversized_throwsNamingKeyAndLength() {
    ConfigProperties cfg = props("obs.huge", "x".repeat(64 * 1024 + 1), "obs.max", "y".repeat(64 * 1024));

    assertThat(cfg.getString("obs.max")).hasSize(65536);
    ConfigException e = configError(() -> cfg.getString("obs.huge"));
    assertThat(e.key()).isEqualTo("obs.huge");
    assertThat(e).hasMessage("obs.huge: value is 65537 characters, longer than the 65536 accepted");
  }

  @Test
  void getInt_parsesAndRejectsMalformedOrOutOfRange() {
    ConfigProperties cfg = props("obs.n", "42", "obs.neg", "-7", "obs.under", "1_000", "obs.bad", "4x2",
        "obs.big", "3000000000", "obs.float", "1.5");

    assertThat(cfg.getInt("obs.n")).isEqualTo(42);
    assertThat(cfg.getInt("obs.neg")).isEqualTo(-7);
    assertThat(cfg.getInt("obs.under")).isEqualTo(1000);
    assertThat(cfg.getInt("obs.missing")).isNull();
    assertThat(cfg.getInt("obs.missing", 9)).isEqualTo(9);
    assertThat(configError(() -> cfg.getInt("obs.bad")))
        .hasMessage("obs.bad: expected a whole number but got '4x2'");
    assertThat(configError(() -> cfg.getInt("obs.big")))
        .hasMessage("obs.big: expected an int but got 3000000000 (out of range)");
    assertThat(configError(() -> cfg.getInt("obs.float")))
        .hasMessage("obs.float: expected a whole number but got '1.5'");
  }

  @Test
  void getLong_parsesAndRejectsOverflow() {
    ConfigProperties cfg = props("obs.l", "9223372036854775807", "obs.over", "9223372036854775808");

    assertThat(cfg.getLong("obs.l")).isEqualTo(Long.MAX_VALUE);
    assertThat(cfg.getLong("obs.missing", 3L)).isEqualTo(3L);
    assertThat(configError(() -> cfg.getLong("obs.over")))
        .hasMessage("obs.over: expected a whole number but got '9223372036854775808'");
  }

  @Test
  void getDouble_rejectsNonFiniteAndMalformed() {
    ConfigProperties cfg = props("obs.d", "0.25", "obs.nan", "NaN", "obs.inf", "Infinity", "obs.bad", "abc");

    assertThat(cfg.getDouble("obs.d")).isEqualTo(0.25);
    assertThat(configError(() -> cfg.getDouble("obs.nan"))).hasMessage("obs.nan: expected a number but got 'NaN'");
    assertThat(configError(() -> cfg.getDouble("obs.inf"))).hasMessageContaining("'Infinity'");
    assertThat(configError(() -> cfg.getDouble("obs.bad"))).hasMessage("obs.bad: expected a number but got 'abc'");
  }

  @Test
  void getBoolean_acceptsOnlyTrueOrFalseIgnoringCase() {
    ConfigProperties cfg = props("obs.t", "TRUE", "obs.f", "False", "obs.yes", "yes", "obs.one", "1");

    assertThat(cfg.getBoolean("obs.t")).isTrue();
    assertThat(cfg.getBoolean("obs.f")).isFalse();
    assertThat(cfg.getBoolean("obs.missing")).isNull();
    assertThat(cfg.getBoolean("obs.missing", true)).isTrue();
    assertThat(configError(() -> cfg.getBoolean("obs.yes")))
        .hasMessage("obs.yes: expected true or false but got 'yes'");
    assertThat(configError(() -> cfg.getBoolean("obs.one", false)))
        .hasMessage("obs.one: expected true or false but got '1'");
  }

  @Test
  void getDuration_parsesUnitsIsoAndBareMillis() {
    ConfigProperties cfg = props("a", "500ms", "b", "30s", "c", "5m", "d", "2h", "e", "7d", "f", "PT30S",
        "g", "250", "h", "pt1m30s", "i", "10 s", "j", "0s");

    assertThat(cfg.getDuration("a")).isEqualTo(Duration.ofMillis(500));
    assertThat(cfg.getDuration("b")).isEqualTo(Duration.ofSeconds(30));
    assertThat(cfg.getDuration("c")).isEqualTo(Duration.ofMinutes(5));
    assertThat(cfg.getDuration("d")).isEqualTo(Duration.ofHours(2));
    assertThat(cfg.getDuration("e")).isEqualTo(Duration.ofDays(7));
    assertThat(cfg.getDuration("f")).isEqualTo(Duration.ofSeconds(30));
    assertThat(cfg.getDuration("g")).isEqualTo(Duration.ofMillis(250));
    assertThat(cfg.getDuration("h")).isEqualTo(Duration.ofSeconds(90));
    assertThat(cfg.getDuration("i")).isEqualTo(Duration.ofSeconds(10));
    assertThat(cfg.getDuration("j")).isZero();
    assertThat(cfg.getDuration("missing")).isNull();
    assertThat(cfg.getDuration("missing", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void getDuration_whenMalformed_throwsNamingKeyAndValue() {
    ConfigProperties cfg = props("obs.x.timeout", "30 parsecs", "obs.frac", "1.5s", "obs.unit", "s",
        "obs.iso", "PTxyzS", "obs.mixed", "5-3s", "obs.huge", "99999999999999999d");

    assertThat(configError(() -> cfg.getDuration("obs.x.timeout"))).hasMessage(
        "obs.x.timeout: expected a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S but got '30 parsecs'");
    for (String key : List.of("obs.frac", "obs.unit", "obs.iso", "obs.mixed", "obs.huge")) {
      ConfigException e = configError(() -> cfg.getDuration(key));
      assertThat(e.key()).isEqualTo(key);
      assertThat(e.getMessage()).startsWith(key + ": expected a duration")
          .contains("'" + cfg.getString(key) + "'");
    }
  }

  @Test
  void getDuration_whenNegative_throws() {
    ConfigProperties cfg = props("obs.neg", "-5s", "obs.negiso", "-PT5S");

    assertThat(configError(() -> cfg.getDuration("obs.neg"))).hasMessage("obs.neg: must not be negative but got '-5s'");
    assertThat(configError(() -> cfg.getDuration("obs.negiso"))).hasMessageContaining("must not be negative");
  }

  @Test
  void getBytes_parsesUnits() {
    ConfigProperties cfg = props("a", "512", "b", "64KB", "c", "10MB", "d", "2GB", "e", "1TB", "f", "10 mb",
        "g", "4KiB", "h", "1k", "i", "7B", "j", "3MiB", "k", "1GiB");

    assertThat(cfg.getBytes("a")).isEqualTo(512L);
    assertThat(cfg.getBytes("b")).isEqualTo(65_536L);
    assertThat(cfg.getBytes("c")).isEqualTo(10_485_760L);
    assertThat(cfg.getBytes("d")).isEqualTo(2_147_483_648L);
    assertThat(cfg.getBytes("e")).isEqualTo(1_099_511_627_776L);
    assertThat(cfg.getBytes("f")).isEqualTo(10_485_760L);
    assertThat(cfg.getBytes("g")).isEqualTo(4096L);
    assertThat(cfg.getBytes("h")).isEqualTo(1024L);
    assertThat(cfg.getBytes("i")).isEqualTo(7L);
    assertThat(cfg.getBytes("j")).isEqualTo(3_145_728L);
    assertThat(cfg.getBytes("k")).isEqualTo(1_073_741_824L);
    assertThat(cfg.getBytes("missing")).isNull();
  }

  @Test
  void getBytes_whenMalformedNegativeOrOverflowing_throwsNamingKeyAndValue() {
    ConfigProperties cfg = props("obs.buf", "10 parsecs", "obs.frac", "1.5GB", "obs.neg", "-1MB",
        "obs.over", "99999999TB", "obs.empty", "MB");

    assertThat(configError(() -> cfg.getBytes("obs.buf")))
        .hasMessage("obs.buf: expected a size such as 512, 64KB, 10MB or 2GB but got '10 parsecs'");
    assertThat(configError(() -> cfg.getBytes("obs.frac"))).hasMessageContaining("'1.5GB'");
    assertThat(configError(() -> cfg.getBytes("obs.neg"))).hasMessage("obs.neg: must not be negative but got '-1MB'");
    assertThat(configError(() -> cfg.getBytes("obs.over"))).hasMessageContaining("'99999999TB'");
    assertThat(configError(() -> cfg.getBytes("obs.empty"))).hasMessageContaining("'MB'");
  }

  @Test
  void getList_splitsOnCommasDroppingBlanks() {
    ConfigProperties cfg = props("obs.l", " a, b ,,c ,  ");

    assertThat(cfg.getList("obs.l")).containsExactly("a", "b", "c");
    assertThat(cfg.getList("obs.missing")).isEmpty();
  }

  @Test
  void getMap_parsesPairsAndRejectsMalformedEntry() {
    ConfigProperties cfg = props("obs.m", "region = eu, tier=gold, empty=", "obs.bad", "a=1,broken",
        "obs.nokey", "=v", "obs.eq", "url=http://x/?a=b");

    assertThat(cfg.getMap("obs.m")).containsExactly(
        Map.entry("region", "eu"), Map.entry("tier", "gold"), Map.entry("empty", ""));
    assertThat(cfg.getMap("obs.eq")).containsExactly(Map.entry("url", "http://x/?a=b"));
    assertThat(cfg.getMap("obs.missing")).isEmpty();
    assertThat(configError(() -> cfg.getMap("obs.bad")))
        .hasMessage("obs.bad: expected key=value pairs separated by commas but got 'broken'");
    assertThat(configError(() -> cfg.getMap("obs.nokey"))).hasMessageContaining("'=v'");
  }

  @Test
  void require_whenMissing_namesKeyEnvironmentVariableAndProperty() {
    ConfigProperties cfg = props("obs.present", "v");

    assertThat(cfg.require("obs.present")).isEqualTo("v");
    ConfigException e = configError(() -> cfg.require("obs.telemetry.endpoint"));
    assertThat(e.key()).isEqualTo("obs.telemetry.endpoint");
    assertThat(e).hasMessage("obs.telemetry.endpoint: is required but not set (environment variable "
        + "OBS_TELEMETRY_ENDPOINT or system property obs.telemetry.endpoint)");
    assertThat(configError(() -> cfg.require("obs.uptime.max-monitors")))
        .hasMessageContaining("OBS_UPTIME_MAX_MONITORS");
    assertThat(configError(() -> cfg.require("OBS_BILLING_CURRENCY"))).hasMessage("OBS_BILLING_CURRENCY: is "
        + "required but not set (environment variable OBS_BILLING_CURRENCY or system property obs.billing.currency)");
  }

  @Test
  void malformedValueMessages_truncateHugeValues() {
    ConfigProperties cfg = props("obs.n", "z".repeat(5000));

    ConfigException e = configError(() -> cfg.getInt("obs.n"));

    assertThat(e.getMessage()).hasSizeLessThan(200).contains("z".repeat(80) + "...");
  }

  @Test
  void toString_listsKeysButNeverValues() {
    ConfigProperties cfg = props("obs.db.password", "hunter2", "obs.url", "http://x");

    assertThat(cfg.toString()).contains("obs.db.password", "obs.url").doesNotContain("hunter2");
  }

  @Test
  void configException_carriesKeyAndCause() {
    IllegalStateException cause = new IllegalStateException("c");
    ConfigException e = new ConfigException("obs.k", "bad", cause);

    assertThat(e.key()).isEqualTo("obs.k");
    assertThat(e).hasMessage("obs.k: bad").hasCause(cause);
  }

  @Test
  void of_isImmutableSnapshot() {
    Map<String, String> source = new HashMap<>(Map.of("obs.k", "1"));
    ConfigProperties cfg = ConfigProperties.of(source);
    source.put("obs.k", "2");

    assertThat(cfg.getInt("obs.k")).isEqualTo(1);
    assertThatThrownBy(() -> cfg.keysWithPrefix("").add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
