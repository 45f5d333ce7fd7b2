package dev.obskit.billing.pricebook;

/**
 * A price book that cannot be used, with the book, the item and the field at fault, for example
 * {@code price book 'hosting' item 'ram-500mb' field 'pricing.unitPrice': must be >= 0, got -1}.
 */
public final class PriceBookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String item;
  private final String field;

  /** Creates the error; {@code item} is empty for book-level fields. */
  public PriceBookException(String book, String item, String field, String message) {
    super("price book '" + book + "'" + (item.isEmpty() ? "" : " item '" + item + "'")
        + " field '" + field + "': " + message);
    this.item = item;
    this.field = field;
  }

  /** Creates a book-level error caused by {@code cause} (unreadable input). */
  public PriceBookException(String book, String message, Throwable cause) {
    super("price book '" + book + "': " + message, cause);
    this.item = "";
    this.field = "";
  }

  /** Returns the item code at fault, empty for book-level problems. */
  public String item() {
    return item;
  }

  /** Returns the field path at fault, e.g. {@code pricing.tiers[1].upTo}. */
  public String field() {
    return field;
  }
}
