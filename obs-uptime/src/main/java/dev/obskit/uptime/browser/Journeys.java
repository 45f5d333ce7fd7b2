package dev.obskit.uptime.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.obskit.uptime.check.JourneySpec;
import dev.obskit.uptime.check.JourneyStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a journey from YAML or JSON (JSON is YAML):
 *
 * <pre>{@code
 * name: checkout
 * steps:
 *   - open: https://shop.example.com/
 *   - expectStatus: 200
 *   - fill: {selector: "#email", text: "probe@example.com"}
 *   - click: "#buy"
 *   - waitForText: Thank you
 *   - waitForSelector: "#receipt"
 * }</pre>
 *
 * Each step is a one-key map. Errors name the step and the problem; texts over {@value
 * #MAX_CHARS} characters are refused. Thread-safe (stateless).
 */
public final class Journeys {
  /** Longest journey text accepted. */
  public static final int MAX_CHARS = 64 * 1024;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Journeys() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming what is wrong. */
  public static JourneySpec parse(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      throw new IllegalArgumentException("journey must be 1 to " + MAX_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      throw new IllegalArgumentException("journey is not valid YAML/JSON: "
          + m.lines().findFirst().orElse(m), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("journey must be a map with name and steps");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("name") && !f.equals("steps")) {
        throw new IllegalArgumentException("journey: unknown field '" + f + "'");
      }
    }
    JsonNode steps = root.path("steps");
    if (!steps.isArray()) {
      throw new IllegalArgumentException("journey: 'steps' must be a list");
    }
    List<JourneyStep> list = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      try {
        list.add(step(steps.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("journey steps[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new JourneySpec(root.path("name").asText("journey"), list);
  }

  private static JourneyStep step(JsonNode n) {
    if (!n.isObject() || n.size() != 1) {
      throw new IllegalArgumentException("a step is a map with one key (open, click, fill,"
          + " waitForText, waitForSelector, expectStatus)");
    }
    String key = n.fieldNames().next();
    JsonNode v = n.get(key);
    return switch (key) {
      case "open" -> JourneyStep.open(text(v, "open"));
      case "click" -> JourneyStep.click(text(v, "click"));
      case "fill" -> JourneyStep.fill(text(v.path("selector"), "fill.selector"),
          text(v.path("text"), "fill.text"));
      case "waitForText" -> JourneyStep.waitForText(text(v, "waitForText"));
      case "waitForSelector" -> JourneyStep.waitForSelector(text(v, "waitForSelector"));
      case "expectStatus" -> JourneyStep.expectStatus(v.asInt(-1));
      default -> throw new IllegalArgumentException("unknown step '" + key + "'");
    };
  }

  private static String text(JsonNode v, String field) {
    if (v == null || !v.isValueNode() || v.isNull()) {
      throw new IllegalArgumentException("'" + field + "' needs a text value");
    }
    return v.asText();
  }
}
