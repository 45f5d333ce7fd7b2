package dev.obskit.incidents.postmortem;

import dev.obskit.core.ai.AiAnswer;
import dev.obskit.core.id.IncidentId;
import java.util.List;
import java.util.Objects;

/**
 * A generated postmortem draft. Immutable.
 *
 * @param incident the incident it is about
 * @param markdown the Markdown document, enrichment included
 * @param hints root-cause hints, earliest first
 * @param enrichment the AI assistant's answer (for the offline assistant: the prompt itself)
 */
public record PostmortemDraft(IncidentId incident, String markdown, List<RootCauseHint> hints,
    AiAnswer enrichment) {
  /** Validates and copies the components. */
  public PostmortemDraft {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(markdown, "markdown");
    hints = List.copyOf(hints);
    Objects.requireNonNull(enrichment, "enrichment");
  }
}
