package dev.obskit.core.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.id.TeamId;
import org.junit.jupiter.api.Test;

class AiAssistantTest {
  private static final TeamId TEAM = TeamId.of("t");

  @Test
  void offline_returnsThePromptUnchangedAndNotGenerated() {
    AiAssistant offline = AiAssistant.offline();

    AiAnswer answer = offline.complete(new AiRequest(TEAM, "errors.bugfix", "Fix NPE in Foo.bar", 500));

    assertThat(offline.getName()).isEqualTo("offline");
    assertThat(answer).isEqualTo(new AiAnswer("Fix NPE in Foo.bar", false, "offline", 0, 0, ""));
  }

  @Test
  void request_validatesComponents() {
    assertThatThrownBy(() -> new AiRequest(TEAM, "p", "x", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxOutputTokens must be > 0, got 0");
    assertThatThrownBy(() -> new AiRequest(null, "p", "x", 1)).hasMessage("teamId");
    assertThatThrownBy(() -> new AiRequest(TEAM, null, "x", 1)).hasMessage("purpose");
    assertThatThrownBy(() -> new AiRequest(TEAM, "p", null, 1)).hasMessage("prompt");
    assertThatThrownBy(() -> new AiAnswer(null, false, "m", 0, 0, "")).hasMessage("text");
  }
}
