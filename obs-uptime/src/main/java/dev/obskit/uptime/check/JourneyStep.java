package dev.obskit.uptime.check;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of a {@link JourneySpec}. Immutable.
 *
 * @param action what to do
 * @param target the URL (open), CSS selector (click, fill, wait for selector), text (wait for
 *     text), or status code (expect status), as text
 * @param value the text to type (fill only; empty otherwise)
 */
public record JourneyStep(Action action, String target, String value) {
  /** Step kinds. */
  public enum Action {
    /** Load a URL (http or https). */
    OPEN,
    /** Click the first element matching a CSS selector. */
    CLICK,
    /** Type text into the first element matching a CSS selector. */
    FILL,
    /** Wait until the page's text contains a string. */
    WAIT_FOR_TEXT,
    /** Wait until an element matching a CSS selector is present. */
    WAIT_FOR_SELECTOR,
    /** Require the HTTP status of the last page loaded. */
    EXPECT_STATUS
  }

  /** Validates the components. */
  public JourneyStep {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(value, "value");
    if (target.isBlank() || target.length() > 2048) {
      throw new IllegalArgumentException(action.name().toLowerCase(Locale.ROOT)
          + " needs a target of 1 to 2048 characters, got " + target.length());
    }
    if (action == Action.OPEN) {
      String scheme = URI.create(target).getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("open needs an http(s) URL, got '" + target + "'");
      }
    }
    if (action == Action.EXPECT_STATUS && !target.matches("[1-5][0-9][0-9]")) {
      throw new IllegalArgumentException("expect status needs a status code 100 to 599, got '"
          + target + "'");
    }
  }

  /** Opens {@code url}. */
  public static JourneyStep open(String url) {
    return new JourneyStep(Action.OPEN, url, "");
  }

  /** Clicks the first element matching {@code selector}. */
  public static JourneyStep click(String selector) {
    return new JourneyStep(Action.CLICK, selector, "");
  }

  /** Types {@code text} into the first element matching {@code selector}. */
  public static JourneyStep fill(String selector, String text) {
    return new JourneyStep(Action.FILL, selector, text);
  }

  /** Waits for {@code text} in the page. */
  public static JourneyStep waitForText(String text) {
    return new JourneyStep(Action.WAIT_FOR_TEXT, text, "");
  }

  /** Waits for an element matching {@code selector}. */
  public static JourneyStep waitForSelector(String selector) {
    return new JourneyStep(Action.WAIT_FOR_SELECTOR, selector, "");
  }

  /** Requires the last page's HTTP status to be {@code status}. */
  public static JourneyStep expectStatus(int status) {
    return new JourneyStep(Action.EXPECT_STATUS, Integer.toString(status), "");
  }

  /** Returns a short description, e.g. {@code "click #buy"}. */
  public String describe() {
    String a = action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return a + " " + target;
  }
}
