package dev.obskit.statuspages;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The page's words in English or French, from the {@code messages} resource bundles, chosen by the
 * page's setting or the visitor's {@code Accept-Language}. Immutable.
 */
final class Messages {
  /** Languages with a bundle. */
  static final Set<String> SUPPORTED = Set.of("en", "fr");
  private static final Map<String, Messages> BY_LANGUAGE = Map.of(
      "en", load(Locale.ENGLISH), "fr", load(Locale.FRENCH));

  private final Locale locale;
  private final Map<String, String> words;

  private Messages(Locale locale, Map<String, String> words) {
    this.locale = locale;
    this.words = Collections.unmodifiableMap(words);
  }

  static Messages of(Locale locale) {
    return BY_LANGUAGE.getOrDefault(locale.getLanguage(), BY_LANGUAGE.get("en"));
  }

  /** Picks the page's fixed language, else the best supported one the visitor accepts. */
  static Messages choose(Optional<Locale> fixed, String acceptLanguage) {
    if (fixed.isPresent()) {
      return of(fixed.get());
    }
    if (acceptLanguage != null && acceptLanguage.length() <= 1000) {
      try {
        for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
          String lang = r.getRange().split("-")[0].toLowerCase(Locale.ROOT);
          if (r.getWeight() > 0 && SUPPORTED.contains(lang)) {
            return BY_LANGUAGE.get(lang);
          }
        }
      } catch (IllegalArgumentException e) {
        // a malformed header falls back to English
      }
    }
    return BY_LANGUAGE.get("en");
  }

  Locale locale() {
    return locale;
  }

  Map<String, String> all() {
    return words;
  }

  String get(String key) {
    String w = words.get(key);
    if (w == null) {
      throw new IllegalArgumentException("no message '" + key + "'");
    }
    return w;
  }

  String format(String key, Object... args) {
    return new MessageFormat(get(key), locale).format(args);
  }

  private static Messages load(Locale locale) {
    ResourceBundle b = ResourceBundle.getBundle("dev.obskit.statuspages.messages", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Map<String, String> m = new HashMap<>();
    for (String k : b.keySet()) {
      m.put(k, b.getString(k));
    }
    return new Messages(locale, m);
  }
}
