package dev.obskit.core.ai;

/** Returns the prompt, ready to paste into any assistant. */
final class OfflineAiAssistant implements AiAssistant {
  static final OfflineAiAssistant INSTANCE = new OfflineAiAssistant();

  private OfflineAiAssistant() {}

  @Override
  public String getName() {
    return "offline";
  }

  @Override
  public AiAnswer complete(AiRequest request) {
    return new AiAnswer(request.prompt(), false, "offline", 0, 0, "");
  }
}
