package dev.obskit.core.ai;

/**
 * Where a host plugs in an LLM client, to enrich a bugfix prompt or a postmortem draft. ObsKit
 * ships no LLM client: the default, {@link #offline()}, returns the prompt itself so the user can
 * paste it into the assistant of their choice.
 *
 * <p>Contract: {@link #complete} never throws (failures come back as an answer with {@code
 * generated == false} and the reason), and blocks at most the implementation's documented timeout.
 * Token counts are reported so obs-billing can meter LLM cost. Implementations are thread-safe.
 */
public interface AiAssistant {

  /** Returns a short name for logs, e.g. {@code "offline"} or {@code "openai-gpt-5"}. */
  String getName();

  /** Answers one request. */
  AiAnswer complete(AiRequest request);

  /** Returns the assistant that answers with the prompt text unchanged. */
  static AiAssistant offline() {
    return OfflineAiAssistant.INSTANCE;
  }
}
