package dev.obskit.core.ai;

import dev.obskit.core.id.TeamId;
import java.util.Objects;

/**
 * A prompt for an {@link AiAssistant}. The prompt has already been scrubbed of PII by the module
 * that built it. Immutable.
 *
 * @param teamId the team on whose behalf it is asked (for metering)
 * @param purpose what the prompt is for, e.g. {@code "errors.bugfix"}, {@code "incidents.postmortem"}
 * @param prompt the full prompt text
 * @param maxOutputTokens the most tokens the answer may use, at least 1
 */
public record AiRequest(TeamId teamId, String purpose, String prompt, int maxOutputTokens) {
  /** Validates the components. */
  public AiRequest {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(prompt, "prompt");
    if (maxOutputTokens < 1) {
      throw new IllegalArgumentException("maxOutputTokens must be > 0, got " + maxOutputTokens);
    }
  }
}
