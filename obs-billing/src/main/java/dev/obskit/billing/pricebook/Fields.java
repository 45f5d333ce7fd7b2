package dev.obskit.billing.pricebook;

import dev.obskit.billing.money.Decimals;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware access to one object of a parsed price book, so every error names the book, the
 * item and the field. Unknown fields are rejected by {@link #finish()}: a misspelt
 * {@code "inclued"} must not silently become "nothing included".
 */
final class Fields {
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
  private static final int MAX_PRICE_SCALE = 12;

  private final String book;
  private final String item;
  private final String path;
  private final Map<String, Object> map;
  private final Set<String> read;

  Fields(String book, String item, String path, Object node) {
    this(book, item, path, node, new HashSet<>());
  }

  private Fields(String book, String item, String path, Object node, Set<String> read) {
    this.read = read;
    this.book = book;
    this.item = item;
    this.path = path;
    if (!(node instanceof Map<?, ?>)) {
      throw error("", "must be an object, got " + describe(node));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> cast = (Map<String, Object>) node;
    this.map = cast;
  }

  Fields withItem(String itemCode) {
    return new Fields(book, itemCode, "", map, read);
  }

  boolean has(String name) {
    return map.containsKey(name) && map.get(name) != TreeReader.NULL;
  }

  Object raw(String name) {
    read.add(name);
    Object value = map.get(name);
    if (value == null || value == TreeReader.NULL) {
      throw error(name, "is required");
    }
    return value;
  }

  String string(String name) {
    Object value = raw(name);
    if (!(value instanceof String s)) {
      throw error(name, "must be a string, got " + describe(value));
    }
    return s;
  }

  String string(String name, String fallback) {
    return has(name) ? string(name) : markRead(name, fallback);
  }

  BigDecimal decimal(String name) {
    Object value = raw(name);
    String text;
    if (value instanceof TreeReader.Numeral n) {
      text = n.text();
    } else if (value instanceof String s) {
      text = s;
    } else {
      throw error(name, "must be a decimal number, got " + describe(value));
    }
    BigDecimal decimal;
    try {
      decimal = Decimals.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(name, "must be a decimal number, got " + Decimals.quote(text) + " ("
          + e.getMessage() + ")");
    }
    // text is at most Decimals.MAX_TEXT_LENGTH characters here, so quoting it is bounded
    if (decimal.signum() < 0) {
      throw error(name, "must be >= 0, got " + text);
    }
    if (decimal.compareTo(MAX_AMOUNT) > 0) {
      throw error(name, "must be <= " + MAX_AMOUNT.toPlainString() + ", got " + text);
    }
    BigDecimal plain = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    if (plain.scale() > MAX_PRICE_SCALE) {
      throw error(name, "has more than " + MAX_PRICE_SCALE + " decimals: " + text);
    }
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  boolean bool(String name, boolean fallback) {
    if (!has(name)) {
      return markRead(name, fallback);
    }
    Object value = raw(name);
    if (!(value instanceof Boolean b)) {
      throw error(name, "must be true or false, got " + describe(value));
    }
    return b;
  }

  BigDecimal decimal(String name, BigDecimal fallback) {
    return has(name) ? decimal(name) : markRead(name, fallback);
  }

  /** A decimal > 0; required when {@code fallback} is zero, else defaulted to it. */
  BigDecimal positiveDecimal(String name, BigDecimal fallback) {
    BigDecimal value = fallback.signum() == 0 ? decimal(name) : decimal(name, fallback);
    if (value.signum() == 0) {
      throw error(name, "must be > 0");
    }
    return value;
  }

  long wholeNumber(String name, long min, long max) {
    BigDecimal value = decimal(name);
    try {
      long whole = value.longValueExact();
      if (whole < min || whole > max) {
        throw error(name, "must be between " + min + " and " + max + ", got " + whole);
      }
      return whole;
    } catch (ArithmeticException e) {
      throw error(name, "must be a whole number, got " + value.toPlainString());
    }
  }

  long wholeNumber(String name, long min, long max, long fallback) {
    return has(name) ? wholeNumber(name, min, max) : markRead(name, fallback);
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String value = string(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw error(name, "must be one of " + List.of(type.getEnumConstants()) + ", got '"
        + shorten(value) + "'");
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
    return has(name) ? enumValue(name, type) : markRead(name, fallback);
  }

  List<Object> list(String name) {
    Object value = raw(name);
    if (!(value instanceof List<?> l)) {
      throw error(name, "must be a list, got " + describe(value));
    }
    @SuppressWarnings("unchecked")
    List<Object> cast = (List<Object>) l;
    return cast;
  }

  Fields object(String name) {
    return new Fields(book, item, child(name), raw(name));
  }

  Fields element(String name, int index, Object node) {
    return new Fields(book, item, child(name) + "[" + index + "]", node);
  }

  /** Rejects fields that were never read, naming them. */
  void finish() {
    Set<String> unknown = new TreeSet<>(map.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw error(first, "unknown field" + (unknown.size() > 1 ? " (also " + unknown + ")" : ""));
    }
  }

  Set<String> keys() {
    return map.keySet();
  }

  PriceBookException error(String name, String message) {
    return new PriceBookException(book, item, name.isEmpty() ? pathOrRoot() : child(name), message);
  }

  private String pathOrRoot() {
    return path.isEmpty() ? "(root)" : path;
  }

  private String child(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private <T> T markRead(String name, T fallback) {
    read.add(name);
    return fallback;
  }

  private static String describe(Object value) {
    if (value == TreeReader.NULL) {
      return "null";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return "'" + shorten(String.valueOf(value)) + "'";
  }

  static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "... (" + text.length() + " chars)";
  }

  Optional<Fields> optionalObject(String name) {
    return has(name) ? Optional.of(object(name)) : Optional.empty();
  }
}
