package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void positive_returnsValueOrThrowsNamingIt() {
    assertThat(Checks.positive("n", 1)).isEqualTo(1);
    assertThat(Checks.positive("n", 5L)).isEqualTo(5L);
    assertThatThrownBy(() -> Checks.positive("batchSize", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be > 0, got 0");
    assertThatThrownBy(() -> Checks.positive("maxBytes", -3L))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBytes must be > 0, got -3");
  }

  @Test
  void notNegative_acceptsZero() {
    assertThat(Checks.notNegative("n", 0)).isZero();
    assertThatThrownBy(() -> Checks.notNegative("retries", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retries must be >= 0, got -1");
  }

  @Test
  void between_rejectsOutOfRangeAndNaN() {
    assertThat(Checks.between("rate", 0.0, 0.0, 1.0)).isZero();
    assertThat(Checks.between("rate", 1.0, 0.0, 1.0)).isEqualTo(1.0);
    assertThatThrownBy(() -> Checks.between("sampleRate", 1.5, 0.0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampleRate must be between 0.0 and 1.0, got 1.5");
    assertThatThrownBy(() -> Checks.between("sampleRate", Double.NaN, 0.0, 1.0))
        .hasMessage("sampleRate must be between 0.0 and 1.0, got NaN");
  }

  @Test
  void durationBetween_rejectsNullAndOutOfRange() {
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(1);
    assertThat(Checks.durationBetween("t", min, min, max)).isEqualTo(min);
    assertThat(Checks.durationBetween("t", max, min, max)).isEqualTo(max);
    assertThatThrownBy(() -> Checks.durationBetween("interval", Duration.ofMillis(999), min, max))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be between PT1S and PT1M, got PT0.999S");
    assertThatThrownBy(() -> Checks.durationBetween("interval", null, min, max))
        .isInstanceOf(NullPointerException.class).hasMessage("interval");
  }

  @Test
  void positiveDuration_rejectsZeroNegativeAndNull() {
    assertThat(Checks.positive("t", Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
    assertThatThrownBy(() -> Checks.positive("timeout", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, got PT0S");
    assertThatThrownBy(() -> Checks.positive("timeout", Duration.ofSeconds(-2)))
        .hasMessage("timeout must be positive, got PT-2S");
    assertThatThrownBy(() -> Checks.positive("timeout", (Duration) null))
        .isInstanceOf(NullPointerException.class).hasMessage("timeout");
  }

  @Test
  void notBlank_rejectsNullAndBlank() {
    assertThat(Checks.notBlank("name", "x")).isEqualTo("x");
    assertThatThrownBy(() -> Checks.notBlank("endpoint", " \t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoint must not be blank");
    assertThatThrownBy(() -> Checks.notBlank("endpoint", null))
        .isInstanceOf(NullPointerException.class).hasMessage("endpoint");
  }

  @Test
  void notAlreadySet_namesCurrentValue() {
    Checks.notAlreadySet("clock", null);
    assertThatThrownBy(() -> Checks.notAlreadySet("maximumSize", 100))
        .isInstanceOf(IllegalStateException.class).hasMessage("maximumSize was already set to 100");
  }
}
