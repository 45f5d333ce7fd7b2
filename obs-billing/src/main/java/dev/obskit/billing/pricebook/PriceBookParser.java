package dev.obskit.billing.pricebook;

import dev.obskit.billing.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a {@link PriceBook} from JSON or YAML (format in the module README). Strict: unknown fields,
 * duplicate keys, negative or over-precise prices, unordered tiers and oversized documents are
 * rejected with a {@link PriceBookException} naming the item and the field. Stateless and
 * thread-safe.
 */
public final class PriceBookParser {
  /** Largest accepted document, in bytes. */
  public static final int MAX_BYTES = 1 << 20;
  /** Most items in one book. */
  public static final int MAX_ITEMS = 1_000;

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern METER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private PriceBookParser() {}

  /** Reads and parses a book from {@code in} (not closed), named {@code source} in errors. */
  public static PriceBook parse(InputStream in, PriceBookFormat format, String source) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(source, "source");
    byte[] content;
    try {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new PriceBookException(source, "could not be read: " + e.getMessage(), e);
    }
    if (content.length > MAX_BYTES) {
      throw new PriceBookException(source, "", "(document)", "larger than " + MAX_BYTES + " bytes");
    }
    return parse(content, format, source);
  }

  /** Parses a book from {@code content}. */
  public static PriceBook parse(byte[] content, PriceBookFormat format, String source) {
    Object root = new TreeReader(source).read(content, format);
    Fields doc = new Fields(source, "", "", root);
    String id = code(doc, "id");
    Fields book = new Fields(id, "", "", root);
    book.string("id");
    int version = (int) book.wholeNumber("version", 1, Integer.MAX_VALUE);
    Currency currency = currency(book);
    LocalDate from = date(book, "effectiveFrom");
    String description = book.string("description", "");
    Set<Region> regions = regions(book);
    List<Object> rawItems = book.list("items");
    if (rawItems.isEmpty() || rawItems.size() > MAX_ITEMS) {
      throw book.error("items", "must hold 1 to " + MAX_ITEMS + " items, got " + rawItems.size());
    }
    List<PriceItem> items = new ArrayList<>();
    for (int i = 0; i < rawItems.size(); i++) {
      items.add(item(book.element("items", i, rawItems.get(i))));
    }
    book.finish();
    return new PriceBook(id, version, currency, from, description, items, regions);
  }

  private static Set<Region> regions(Fields book) {
    if (!book.has("regions")) {
      book.string("regions", "");
      return Set.of();
    }
    List<Object> raw = book.list("regions");
    if (raw.size() > 100) {
      throw book.error("regions", "must hold at most 100 regions, got " + raw.size());
    }
    Set<Region> regions = new LinkedHashSet<>();
    for (Object code : raw) {
      try {
        if (!regions.add(Region.of(String.valueOf(code)))) {
          throw book.error("regions", "lists " + Fields.shorten(String.valueOf(code)) + " twice");
        }
      } catch (IllegalArgumentException e) {
        throw book.error("regions", e.getMessage());
      }
    }
    return regions;
  }

  private static PriceItem item(Fields f) {
    String code = code(f, "code");
    Fields item = f.withItem(code);
    ItemKind kind = item.enumValue("kind", ItemKind.class);
    String description = item.string("description", code);
    String unit = item.string("unit", "unit");
    Optional<PricingModel> pricing = item.optionalObject("pricing").map(PriceBookParser::pricing);
    Map<Region, PricingModel> regional = regionPricing(item);
    if (pricing.isEmpty() && regional.isEmpty()) {
      throw item.error("pricing", "is required (or regionPricing)");
    }
    String meter = item.string("meter", "");
    if (!meter.isEmpty() && !METER.matcher(meter).matches()) {
      throw item.error("meter", "must match " + METER + ", got '" + Fields.shorten(meter) + "'");
    }
    if (kind == ItemKind.USAGE && meter.isEmpty()) {
      throw item.error("meter", "is required for USAGE items");
    }
    BigDecimal unitSize = item.positiveDecimal("unitSize", BigDecimal.ONE);
    BigDecimal included = item.decimal("included", BigDecimal.ZERO);
    Map<String, BigDecimal> includes = includes(item, kind);
    Map<String, Long> limits = limits(item);
    int termDays = (int) item.wholeNumber("termDays", 0, 3660, 0);
    PriceStatus status = item.enumValue("status", PriceStatus.class, PriceStatus.UNVERIFIED);
    String sourceUrl = item.string("sourceUrl", "");
    BigDecimal maxQuantity = item.positiveDecimal("maxQuantity", PriceItem.DEFAULT_MAX_QUANTITY);
    BigDecimal maxAmount = item.positiveDecimal("maxAmount", PriceItem.DEFAULT_MAX_AMOUNT);
    boolean requiresBundle = item.bool("requiresBundle", false);
    if (requiresBundle && kind != ItemKind.USAGE) {
      throw item.error("requiresBundle", "is only allowed on USAGE items");
    }
    item.finish();
    return new PriceItem(code, kind, description, unit, pricing, regional, meter, unitSize,
        included, includes, limits, termDays, status, sourceUrl, maxQuantity, maxAmount,
        requiresBundle);
  }

  private static PricingModel pricing(Fields p) {
    String model = p.string("model");
    PricingModel result;
    switch (model) {
      case "FLAT":
        result = new PricingModel.Flat(p.decimal("price"));
        break;
      case "PER_UNIT":
        result = new PricingModel.PerUnit(p.decimal("unitPrice"));
        break;
      case "PACKAGE":
        result = new PricingModel.Package(p.positiveDecimal("blockSize", BigDecimal.ZERO),
            p.decimal("blockPrice"));
        break;
      case "GRADUATED":
        result = new PricingModel.Graduated(tiers(p));
        break;
      case "VOLUME":
        result = new PricingModel.Volume(tiers(p));
        break;
      default:
        throw p.error("model", "must be one of [FLAT, PER_UNIT, PACKAGE, GRADUATED, VOLUME], got '"
            + Fields.shorten(model) + "'");
    }
    p.finish();
    return result;
  }

  private static List<Tier> tiers(Fields p) {
    List<Object> raw = p.list("tiers");
    if (raw.isEmpty() || raw.size() > 100) {
      throw p.error("tiers", "must hold 1 to 100 tiers, got " + raw.size());
    }
    List<Tier> tiers = new ArrayList<>();
    BigDecimal previous = BigDecimal.ZERO;
    for (int i = 0; i < raw.size(); i++) {
      Fields t = p.element("tiers", i, raw.get(i));
      boolean last = i == raw.size() - 1;
      Optional<BigDecimal> upTo = t.has("upTo") ? Optional.of(t.decimal("upTo")) : Optional.empty();
      t.decimal("upTo", BigDecimal.ZERO);
      if (last != upTo.isEmpty()) {
        throw t.error("upTo", last ? "must be absent on the last tier (it is unbounded)"
            : "is required on every tier but the last");
      }
      if (upTo.isPresent() && upTo.get().compareTo(previous) <= 0) {
        throw t.error("upTo", "must be greater than the previous bound "
            + previous.toPlainString() + ", got " + upTo.get().toPlainString());
      }
      tiers.add(new Tier(upTo, t.decimal("unitPrice"), t.decimal("flatFee", BigDecimal.ZERO)));
      t.finish();
      previous = upTo.orElse(previous);
    }
    return tiers;
  }

  private static Map<Region, PricingModel> regionPricing(Fields item) {
    if (!item.has("regionPricing")) {
      item.string("regionPricing", "");
      return Map.of();
    }
    Fields regions = item.object("regionPricing");
    Map<Region, PricingModel> result = new LinkedHashMap<>();
    for (String code : regions.keys()) {
      Region region;
      try {
        region = Region.of(code);
      } catch (IllegalArgumentException e) {
        throw regions.error(code, e.getMessage());
      }
      result.put(region, pricing(regions.object(code)));
    }
    regions.finish();
    return result;
  }

  private static Map<String, BigDecimal> includes(Fields item, ItemKind kind) {
    if (!item.has("includes")) {
      item.string("includes", "");
      return Map.of();
    }
    if (kind != ItemKind.BUNDLE && kind != ItemKind.ADD_ON) {
      throw item.error("includes", "is only allowed on BUNDLE and ADD_ON items");
    }
    Fields includes = item.object("includes");
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    for (String code : includes.keys()) {
      result.put(code, includes.decimal(code));
    }
    includes.finish();
    return result;
  }

  private static Map<String, Long> limits(Fields item) {
    if (!item.has("limits")) {
      item.string("limits", "");
      return Map.of();
    }
    Fields limits = item.object("limits");
    Map<String, Long> result = new LinkedHashMap<>();
    for (String meter : limits.keys()) {
      if (!METER.matcher(meter).matches()) {
        throw limits.error(meter, "is not a valid meter name");
      }
      result.put(meter, limits.wholeNumber(meter, 0, Long.MAX_VALUE));
    }
    limits.finish();
    return result;
  }

  private static String code(Fields f, String name) {
    String code = f.string(name);
    if (!CODE.matcher(code).matches()) {
      throw f.error(name, "must match " + CODE + ", got '" + Fields.shorten(code) + "'");
    }
    return code;
  }

  private static Currency currency(Fields book) {
    String code = book.string("currency");
    try {
      return Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw book.error("currency", e.getMessage());
    }
  }

  private static LocalDate date(Fields book, String name) {
    String text = book.string(name);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw book.error(name, "must be an ISO date like 2026-01-01, got '" + Fields.shorten(text) + "'");
    }
  }
}
