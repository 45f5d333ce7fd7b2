package dev.obskit.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PiiScrubberConfigTest {

  @Test
  void defaults_haveEverythingOnAndTheDocumentedKeys() {
    PiiScrubberConfig config = PiiScrubberConfig.defaults();

    assertThat(config.enabled()).isTrue();
    assertThat(config.scrubEmails()).isTrue();
    assertThat(config.scrubCardNumbers()).isTrue();
    assertThat(config.extraPatterns()).isEmpty();
    assertThat(config.sensitiveKeyFragments()).contains("password", "passwd", "secret", "token", "api_key",
        "apikey", "access_key", "private_key", "credential");
    assertThat(config.sensitiveKeys()).contains("authorization", "proxy-authorization", "cookie", "set-cookie");
  }

  @Test
  void builder_lowercasesAndTrimsKeys() {
    PiiScrubberConfig config = PiiScrubberConfig.builder()
        .addSensitiveKey("  X-Signature ").addSensitiveKeyFragment("IBAN").build();

    assertThat(config.sensitiveKeys()).contains("x-signature");
    assertThat(config.sensitiveKeyFragments()).contains("iban");
  }

  @Test
  void builder_rejectsBlankOrNullKeysNamingTheSetting() {
    assertThatThrownBy(() -> PiiScrubberConfig.builder().addSensitiveKey(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be blank");
    assertThatThrownBy(() -> PiiScrubberConfig.builder().addSensitiveKeyFragment(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("fragment must not be blank");
    assertThatThrownBy(() -> PiiScrubberConfig.builder().addSensitiveKey(null)).hasMessage("key");
    assertThatThrownBy(() -> PiiScrubberConfig.builder().addPattern((Pattern) null)).hasMessage("pattern");
    assertThatThrownBy(() -> PiiScrubberConfig.builder().addPattern((String) null)).hasMessage("regex");
  }

  @Test
  void addPattern_whenRegexInvalid_throwsNamingIt() {
    assertThatThrownBy(() -> PiiScrubberConfig.builder().addPattern("([a-z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pattern '([a-z' is not a valid regular expression: Unclosed character class");
  }

  @Test
  void builtConfig_isImmutableAndIndependentOfBuilder() {
    PiiScrubberConfig.Builder builder = PiiScrubberConfig.builder();
    PiiScrubberConfig config = builder.build();
    builder.addSensitiveKey("later").addPattern("x");

    assertThat(config.sensitiveKeys()).doesNotContain("later");
    assertThat(config.extraPatterns()).isEmpty();
    assertThatThrownBy(() -> config.sensitiveKeys().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
