package dev.obskit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventBusConfigTest {

  @Test
  void defaults_areDocumentedValues() {
    EventBusConfig config = EventBusConfig.defaults();

    assertThat(config.queueCapacity()).isEqualTo(10_000);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ZERO);
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void builder_acceptsBoundaryValues() {
    EventBusConfig config = EventBusConfig.builder().setQueueCapacity(1)
        .setPublishTimeout(Duration.ofMinutes(1)).setDrainTimeout(Duration.ZERO).build();

    assertThat(config.queueCapacity()).isEqualTo(1);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.drainTimeout()).isZero();
  }

  @Test
  void setQueueCapacity_whenNotPositive_throwsNamingValue() {
    assertThatThrownBy(() -> EventBusConfig.builder().setQueueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queueCapacity must be > 0, got 0");
    assertThatThrownBy(() -> EventBusConfig.builder().setQueueCapacity(-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queueCapacity must be > 0, got -5");
  }

  @Test
  void setPublishTimeout_whenOutOfRange_throwsNamingValue() {
    assertThatThrownBy(() -> EventBusConfig.builder().setPublishTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publishTimeout must be between PT0S and PT1M, got PT-0.001S");
    assertThatThrownBy(() -> EventBusConfig.builder().setPublishTimeout(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publishTimeout must be between PT0S and PT1M, got PT2M");
    assertThatThrownBy(() -> EventBusConfig.builder().setPublishTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("publishTimeout");
  }

  @Test
  void setDrainTimeout_whenOutOfRange_throwsNamingValue() {
    assertThatThrownBy(() -> EventBusConfig.builder().setDrainTimeout(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("drainTimeout must be between PT0S and PT10M, got PT11M");
    assertThatThrownBy(() -> EventBusConfig.builder().setDrainTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("drainTimeout");
  }
}
