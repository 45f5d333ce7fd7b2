package dev.obskit.billing.pricebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceBookParserTest {
  private static final String HEAD = "{\"id\":\"t\",\"version\":1,\"currency\":\"USD\","
      + "\"effectiveFrom\":\"2026-01-01\",\"items\":[";

  static PriceBook json(String items) {
    return PriceBookParser.parse((HEAD + items + "]}").getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.JSON, "test.json");
  }

  static String item(String extra) {
    return "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"1\"}"
        + extra + "}";
  }

  @Test
  void defaultBook_holdsTheWholeDefaultPriceList() {
    PriceBook book = PriceBooks.defaultBook();

    assertThat(book.id()).isEqualTo("betterstack-2026-01");
    assertThat(book.currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(book.effectiveFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
    Map<String, ItemKind> kinds = book.items().stream()
        .collect(Collectors.toMap(PriceItem::code, PriceItem::kind));
    assertThat(kinds).containsOnlyKeys("free", "team", "responders", "monitor-pack",
        "status-page-subscribers", "extra-status-page", "status-page-custom-css-js",
        "status-page-white-label", "status-page-password", "status-page-ip-restriction",
        "status-page-sso", "custom-email-domain", "phone-number", "telemetry-nano",
        "telemetry-micro", "telemetry-mega", "telemetry-tera", "logs", "traces", "metrics",
        "error-events", "warehouse-turbo", "warehouse-ultra", "warehouse-hyper", "object-storage",
        "nvme-storage", "custom-bucket");
    assertThat(book.require("telemetry-micro").includes())
        .containsEntry("logs", new BigDecimal("210")).containsEntry("traces", new BigDecimal("210"))
        .containsEntry("metrics", new BigDecimal("11"));
    assertThat(book.require("telemetry-nano").includes().get("metrics")).isEqualByComparingTo("2.5");
    for (Region region : List.of(Region.US_EAST, Region.US_WEST, Region.GERMANY, Region.SINGAPORE)) {
      assertThat(book.require("logs").pricingFor(region)).isInstanceOf(PricingModel.PerUnit.class);
      assertThat(book.require("traces").pricingFor(region)).isInstanceOf(PricingModel.PerUnit.class);
    }
    assertThat(book.require("error-events").included()).isEqualByComparingTo("100000");
    assertThat(((PricingModel.PerUnit) book.require("error-events").pricingFor(Region.US_EAST))
        .unitPrice()).isEqualByComparingTo("0.00005");
  }

  @Test
  void yamlBook_ofAHost_loadsWithTermsAndLimits() {
    PriceBook book = PriceBooks.hostingBook();

    assertThat(book.currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(book.require("ram-500mb").termDays()).isEqualTo(30);
    assertThat(book.require("ram-500mb").limits()).containsEntry("host.ram.mb", 500L);
    assertThat(book.require("starter").limits()).containsEntry("host.http_traffic.bytes", 100_000_000_000L);
  }

  @Test
  void tiers_andPackages_parse() {
    PriceBook book = json("{\"code\":\"x\",\"kind\":\"USAGE\",\"meter\":\"m\",\"pricing\":"
        + "{\"model\":\"GRADUATED\",\"tiers\":[{\"upTo\":1000,\"unitPrice\":\"0.05\"},"
        + "{\"upTo\":\"10000\",\"unitPrice\":\"0.04\",\"flatFee\":\"2\"},{\"unitPrice\":\"0.03\"}]}}");
    PricingModel.Graduated graduated = (PricingModel.Graduated) book.require("x").pricing().orElseThrow();
    assertThat(graduated.tiers()).hasSize(3);
    assertThat(graduated.tiers().get(1).flatFee()).isEqualByComparingTo("2");
    assertThat(graduated.tiers().get(2).upTo()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "negative price|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"-1\"}}"
          + "|item 'x' field 'pricing.unitPrice': must be >= 0, got -1",
      "unknown field|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"inclued\":5,\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|item 'x' field 'inclued': unknown field",
      "unknown model|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"TIERED\"}}"
          + "|item 'x' field 'pricing.model': must be one of",
      "unknown kind|" + "{\"code\":\"x\",\"kind\":\"SEAT\",\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|item 'x' field 'kind': must be one of",
      "price as text|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":\"ten\"}}"
          + "|item 'x' field 'pricing.price': must be a decimal number, got 'ten'",
      "too many decimals|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":\"0.0000000000001\"}}"
          + "|item 'x' field 'pricing.price': has more than 12 decimals",
      "absurd price|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":1e13}}"
          + "|item 'x' field 'pricing.price': must be <= 1000000000000",
      "usage without meter|" + "{\"code\":\"x\",\"kind\":\"USAGE\",\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|item 'x' field 'meter': is required for USAGE items",
      "unordered tiers|" + "{\"code\":\"x\",\"kind\":\"USAGE\",\"meter\":\"m\",\"pricing\":{\"model\":\"VOLUME\",\"tiers\":[{\"upTo\":10,\"unitPrice\":1},{\"upTo\":5,\"unitPrice\":1},{\"unitPrice\":1}]}}"
          + "|item 'x' field 'pricing.tiers[1].upTo': must be greater than the previous bound 10, got 5",
      "bounded last tier|" + "{\"code\":\"x\",\"kind\":\"USAGE\",\"meter\":\"m\",\"pricing\":{\"model\":\"VOLUME\",\"tiers\":[{\"upTo\":10,\"unitPrice\":1}]}}"
          + "|item 'x' field 'pricing.tiers[0].upTo': must be absent on the last tier",
      "zero block size|" + "{\"code\":\"x\",\"kind\":\"USAGE\",\"meter\":\"m\",\"pricing\":{\"model\":\"PACKAGE\",\"blockSize\":0,\"blockPrice\":1}}"
          + "|item 'x' field 'pricing.blockSize': must be > 0",
      "missing block size|" + "{\"code\":\"x\",\"kind\":\"USAGE\",\"meter\":\"m\",\"pricing\":{\"model\":\"PACKAGE\",\"blockPrice\":1}}"
          + "|item 'x' field 'pricing.blockSize': is required",
      "bad region|" + "{\"code\":\"x\",\"kind\":\"USAGE\",\"meter\":\"m\",\"regionPricing\":{\"us-east\":{\"model\":\"FLAT\",\"price\":1}}}"
          + "|item 'x' field 'regionPricing.us-east': region code must match",
      "no price at all|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\"}"
          + "|item 'x' field 'pricing': is required (or regionPricing)",
      "includes on plan|" + "{\"code\":\"x\",\"kind\":\"PLAN\",\"includes\":{\"logs\":1},\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|item 'x' field 'includes': is only allowed on BUNDLE and ADD_ON items",
      "bundle includes unknown item|" + "{\"code\":\"x\",\"kind\":\"BUNDLE\",\"includes\":{\"logs\":1},\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|item 'x' field 'includes.logs': must name a USAGE item of this book",
      "fractional limit|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"limits\":{\"m\":1.5},\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|item 'x' field 'limits.m': must be a whole number, got 1.5",
      "bad code|" + "{\"code\":\"X Y\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":1}}"
          + "|field 'items[0].code': must match",
      "duplicate code|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":1}},{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":2}}"
          + "|item 'x' field 'code': duplicate item code",
      "duplicate key|" + "{\"code\":\"x\",\"kind\":\"ADD_ON\",\"pricing\":{\"model\":\"FLAT\",\"price\":1,\"price\":0}}"
          + "|field 'items[0].pricing.price': appears twice",
      "item not an object|" + "42|field 'items[0]': must be an object, got '42'",
  })
  void parse_badItem_failsNamingItemAndField(String name, String items, String expected) {
    assertThatThrownBy(() -> json(items))
        .isInstanceOf(PriceBookException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void parse_badBookFields_failNamingTheField() {
    assertThatThrownBy(() -> PriceBookParser.parse(
        "{\"id\":\"t\",\"version\":1,\"currency\":\"XXQ\",\"effectiveFrom\":\"2026-01-01\",\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8), PriceBookFormat.JSON, "b.json"))
        .hasMessageContaining("price book 't' field 'currency': unknown ISO 4217 currency code 'XXQ'");
    assertThatThrownBy(() -> PriceBookParser.parse(
        "{\"id\":\"t\",\"version\":0,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\",\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8), PriceBookFormat.JSON, "b.json"))
        .hasMessageContaining("field 'version': must be between 1 and");
    assertThatThrownBy(() -> PriceBookParser.parse(
        "{\"id\":\"t\",\"version\":1,\"currency\":\"USD\",\"effectiveFrom\":\"01/01/2026\",\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8), PriceBookFormat.JSON, "b.json"))
        .hasMessageContaining("field 'effectiveFrom': must be an ISO date");
    assertThatThrownBy(() -> json(""))
        .hasMessageContaining("field 'items': must hold 1 to 1000 items, got 0");
  }

  @Test
  void parse_malformedJson_failsWithBookName() {
    assertThatThrownBy(() -> PriceBookParser.parse("{\"id\": \"t\", ".getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.JSON, "broken.json"))
        .isInstanceOf(PriceBookException.class)
        .hasMessageContaining("price book 'broken.json'").hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> PriceBookParser.parse(new byte[0], PriceBookFormat.JSON, "empty.json"))
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> PriceBookParser.parse("[1,2]".getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.JSON, "list.json"))
        .hasMessageContaining("must be an object");
  }

  @Test
  void parse_oversizedDocument_isRefusedBeforeParsing() {
    byte[] huge = new byte[PriceBookParser.MAX_BYTES + 10];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThatThrownBy(() -> PriceBookParser.parse(new ByteArrayInputStream(huge),
        PriceBookFormat.JSON, "huge.json"))
        .hasMessageContaining("larger than 1048576 bytes");
  }

  @Test
  void parse_deeplyNestedDocument_isRefused() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> PriceBookParser.parse(deep.getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.JSON, "deep.json"))
        .isInstanceOf(PriceBookException.class)
        .hasMessageContaining("deep.json");
  }

  @Test
  void parse_hugeNumberLiteral_isRefused() {
    String items = item("").replace("\"unitPrice\":\"1\"", "\"unitPrice\":" + "9".repeat(5000));
    assertThatThrownBy(() -> json(items)).isInstanceOf(PriceBookException.class);
  }

  @Test
  void parse_yamlAliasBomb_isRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
          .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
    }
    assertThatThrownBy(() -> PriceBookParser.parse(yaml.toString().getBytes(StandardCharsets.UTF_8),
        PriceBookFormat.YAML, "bomb.yaml"))
        .isInstanceOf(PriceBookException.class).hasMessageContaining("bomb.yaml");
  }

  @Test
  void pricingFor_missingRegion_namesItemAndRegion() {
    PriceItem item = new PriceItem("logs", ItemKind.USAGE, "Logs", "GB", Optional.empty(),
        Map.of(Region.GERMANY, new PricingModel.PerUnit(BigDecimal.ONE)), "m", BigDecimal.ONE,
        BigDecimal.ZERO, Map.of(), Map.of(), 0, PriceStatus.UNVERIFIED, "");
    assertThatThrownBy(() -> item.pricingFor(Region.of("MARS")))
        .hasMessageContaining("item logs has no price for region MARS");
  }

  @Test
  void fromFile_missingOrBadlyNamedFile_failsNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    assertThatThrownBy(() -> PriceBooks.fromFile(dir.resolve("absent.json")))
        .isInstanceOf(PriceBookException.class).hasMessageContaining("absent.json");
    java.nio.file.Path txt = java.nio.file.Files.writeString(dir.resolve("book.txt"), "{}");
    assertThatThrownBy(() -> PriceBooks.fromFile(txt)).hasMessageContaining("must end in .json, .yaml or .yml");
    java.nio.file.Path yaml = java.nio.file.Files.writeString(dir.resolve("b.yml"),
        "id: b\nversion: 1\ncurrency: EUR\neffectiveFrom: 2026-01-01\nitems:\n  - code: x\n"
            + "    kind: ADD_ON\n    pricing: {model: FLAT, price: -3}\n");
    assertThatThrownBy(() -> PriceBooks.fromFile(yaml))
        .hasMessageContaining("price book 'b' item 'x' field 'pricing.price': must be >= 0, got -3");
  }

  @Test
  void registry_findsTheVersionInForceOnADate() {
    String v1 = HEAD.replace("\"effectiveFrom\":\"2026-01-01\"", "\"effectiveFrom\":\"2026-01-01\"")
        + item("") + "]}";
    String v2 = v1.replace("\"version\":1", "\"version\":2").replace("2026-01-01", "2026-06-01")
        .replace("\"unitPrice\":\"1\"", "\"unitPrice\":\"2\"");
    PriceBookRegistry registry = new PriceBookRegistry()
        .register(PriceBookParser.parse(v1.getBytes(StandardCharsets.UTF_8), PriceBookFormat.JSON, "v1"))
        .register(PriceBookParser.parse(v2.getBytes(StandardCharsets.UTF_8), PriceBookFormat.JSON, "v2"));

    assertThat(registry.inForce("t", LocalDate.of(2025, 12, 31))).isEmpty();
    assertThat(registry.inForce("t", LocalDate.of(2026, 5, 31)).orElseThrow().version()).isEqualTo(1);
    assertThat(registry.inForce("t", LocalDate.of(2026, 6, 1)).orElseThrow().version()).isEqualTo(2);
    assertThat(registry.find("t", 1)).isPresent();
  }

  @Test
  void registry_refusesToReplaceABookVersion() {
    PriceBookRegistry registry = new PriceBookRegistry().register(PriceBooks.defaultBook());
    PriceBook copy = PriceBooks.fromResource("/dev/obskit/billing/pricebook/betterstack-2026-01.json");

    assertThatThrownBy(() -> registry.register(copy)).hasMessageContaining("already registered");
    assertThat(registry.latest("betterstack-2026-01")).containsSame(PriceBooks.defaultBook());
  }
}
