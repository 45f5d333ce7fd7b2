package dev.obskit.core.ai;

import java.util.Objects;

/**
 * An {@link AiAssistant}'s answer. Immutable.
 *
 * @param text the answer; for the offline assistant, the prompt itself
 * @param generated whether a model produced the text (false for offline or on failure)
 * @param model the model name, or {@code "offline"}
 * @param inputTokens tokens sent, 0 when unknown
 * @param outputTokens tokens received, 0 when unknown
 * @param failure why no text was generated, empty on success or offline
 */
public record AiAnswer(String text, boolean generated, String model, long inputTokens,
    long outputTokens, String failure) {
  /** Validates the components. */
  public AiAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(failure, "failure");
  }
}
