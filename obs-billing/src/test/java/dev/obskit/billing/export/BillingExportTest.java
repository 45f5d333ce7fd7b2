package dev.obskit.billing.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceId;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.pricing.LineType;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingExportTest {
  static final BillingPeriod MARCH = BillingPeriod.utc(YearMonth.of(2026, 3));
  static final String HOSTILE = "=HYPERLINK(\"http://evil\",\"x\"), line1\r\nline2 \"q\"";

  static Invoice invoice() {
    InvoiceLine hostile = new InvoiceLine("x", LineType.RECURRING, HOSTILE, "a,b", BigDecimal.ONE,
        BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("0.00005"), BigDecimal.ONE,
        Money.of("45.00", "USD"));
    InvoiceLine plain = new InvoiceLine("logs", LineType.USAGE, "Logs (US_EAST)", "GB",
        new BigDecimal("1E+2"), new BigDecimal("3"), new BigDecimal("97"), new BigDecimal("0.15"),
        BigDecimal.ONE, Money.of("14.55", "USD"));
    return new Invoice(InvoiceId.of("inv-2026-03-s"), TeamId.of("acme"), 1, SubscriptionId.of("s"),
        "betterstack-2026-01", 1, MARCH, List.of(hostile, plain), Money.of("59.55", "USD"),
        Instant.parse("2026-04-01T00:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain|plain",
      "a,b|`\"a,b\"`",
      "say \"hi\"|`\"say \"\"hi\"\"\"`",
      "=1+2|'=1+2",
      "+cmd|'+cmd",
      "@SUM(A1)|'@SUM(A1)",
      "-1.50|-1.50",
      "-cmd|'-cmd",
  })
  void escape_quotesAndDefusesFormulas(String raw, String expected) {
    assertThat(Csv.escape(raw)).isEqualTo(expected);
  }

  @Test
  void escape_newlinesAreQuoted() {
    assertThat(Csv.escape("a\nb")).isEqualTo("\"a\nb\"");
    assertThat(Csv.escape("a\r\nb")).isEqualTo("\"a\r\nb\"");
    assertThat(Csv.escape("\tx")).isEqualTo("'\tx");
  }

  @Test
  void invoicesCsv_roundTripsThroughAnRfc4180Reader() {
    StringWriter out = new StringWriter();
    BillingExport.invoicesCsv(List.of(invoice()), out);

    List<List<String>> rows = readCsv(out.toString());
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo(BillingExport.INVOICE_COLUMNS);
    Map<String, String> first = row(rows, 1);
    assertThat(first.get("description")).isEqualTo("'" + HOSTILE);
    assertThat(first.get("unit")).isEqualTo("a,b");
    assertThat(first.get("unit_price")).isEqualTo("0.00005");
    assertThat(first.get("amount")).isEqualTo("45.00");
    Map<String, String> second = row(rows, 2);
    assertThat(second.get("quantity")).isEqualTo("100");
    assertThat(second.get("invoice_total")).isEqualTo("59.55");
  }

  @Test
  void invoicesJson_isValidJson_withAmountsAsDecimalStrings() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BillingExport.invoicesJson(List.of(invoice()), out);

    Map<String, String> strings = new HashMap<>();
    List<String> descriptions = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(out.toByteArray())) {
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
        } else if (t == JsonToken.VALUE_STRING) {
          strings.put(field, p.getText());
          if ("description".equals(field)) {
            descriptions.add(p.getText());
          }
        }
      }
    }
    assertThat(descriptions).contains(HOSTILE);
    assertThat(strings).containsEntry("total", "59.55").containsEntry("currency", "USD")
        .containsEntry("priceBook", "betterstack-2026-01@1");
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).contains("\"amount\":\"45.00\"");
  }

  @Test
  void usageExports_listEveryMeter() throws Exception {
    UsageRecord usage = new UsageRecord(TeamId.of("acme"), MARCH,
        Map.of("errors.events", 1_000_000L, "telemetry.logs.bytes", 5L), Map.of("errors.events", 3L));
    StringWriter csv = new StringWriter();
    BillingExport.usageCsv(List.of(usage), csv);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    BillingExport.usageJson(List.of(usage), json);

    assertThat(csv.toString()).isEqualTo("team_id,period,zone,meter,value,events\r\n"
        + "acme,2026-03,Z,errors.events,1000000,3\r\n"
        + "acme,2026-03,Z,telemetry.logs.bytes,5,0\r\n");
    assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo("[{\"teamId\":\"acme\",\"period\":\"2026-03\","
        + "\"zone\":\"Z\",\"meters\":{\"errors.events\":{\"value\":1000000,\"events\":3},"
        + "\"telemetry.logs.bytes\":{\"value\":5,\"events\":0}}}]");
  }

  private static Map<String, String> row(List<List<String>> rows, int index) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < rows.get(0).size(); i++) {
      map.put(rows.get(0).get(i), rows.get(index).get(i));
    }
    return map;
  }

  /** A minimal, independent RFC 4180 reader. */
  private static List<List<String>> readCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    return rows;
  }
}
