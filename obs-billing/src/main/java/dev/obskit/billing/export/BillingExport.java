package dev.obskit.billing.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obskit.billing.metering.UsageRecord;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceLine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Exports invoices and usage records as CSV (one row per invoice line or per meter) and JSON.
 * Amounts and quantities are written as plain decimal strings in both formats, never as JSON
 * numbers a reader might parse into a double. Stateless and thread-safe; callers own and close
 * the streams.
 */
public final class BillingExport {
  /** Columns of {@link #invoicesCsv}. */
  public static final List<String> INVOICE_COLUMNS = List.of("invoice_id", "team_id", "period",
      "zone", "currency", "item_code", "type", "description", "unit", "quantity", "included",
      "overage", "unit_price", "proration", "amount", "invoice_total");
  /** Columns of {@link #usageCsv}. */
  public static final List<String> USAGE_COLUMNS = List.of("team_id", "period", "zone", "meter",
      "value", "events");

  private static final JsonFactory JSON = new JsonFactory();

  private BillingExport() {}

  /** Writes one CSV row per invoice line, with a header. */
  public static void invoicesCsv(List<Invoice> invoices, Writer out) {
    Csv csv = new Csv(out);
    csv.row(INVOICE_COLUMNS);
    for (Invoice invoice : invoices) {
      for (InvoiceLine line : invoice.lines()) {
        csv.row(List.of(invoice.id().value(), invoice.teamId().value(),
            invoice.period().month().toString(), invoice.period().zone().getId(),
            invoice.total().currency().getCurrencyCode(), line.itemCode(), line.type().name(),
            line.description(), line.unit(), plain(line.quantity()), plain(line.included()),
            plain(line.overage()), plain(line.unitPrice()), plain(line.proration()),
            plain(line.amount().amount()), plain(invoice.total().amount())));
      }
    }
  }

  /** Writes one CSV row per meter of each record, with a header. */
  public static void usageCsv(List<UsageRecord> records, Writer out) {
    Csv csv = new Csv(out);
    csv.row(USAGE_COLUMNS);
    for (UsageRecord record : records) {
      for (Map.Entry<String, Long> meter : record.values().entrySet()) {
        csv.row(List.of(record.teamId().value(), record.period().month().toString(),
            record.period().zone().getId(), meter.getKey(), Long.toString(meter.getValue()),
            Long.toString(record.eventCounts().getOrDefault(meter.getKey(), 0L))));
      }
    }
  }

  /** Writes the invoices as a UTF-8 JSON array. */
  public static void invoicesJson(List<Invoice> invoices, OutputStream out) {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartArray();
      for (Invoice invoice : invoices) {
        writeInvoice(json, invoice);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write invoices JSON", e);
    }
  }

  /** Writes the usage records as a UTF-8 JSON array. */
  public static void usageJson(List<UsageRecord> records, OutputStream out) {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartArray();
      for (UsageRecord record : records) {
        json.writeStartObject();
        json.writeStringField("teamId", record.teamId().value());
        json.writeStringField("period", record.period().month().toString());
        json.writeStringField("zone", record.period().zone().getId());
        json.writeObjectFieldStart("meters");
        for (Map.Entry<String, Long> meter : record.values().entrySet()) {
          json.writeObjectFieldStart(meter.getKey());
          json.writeNumberField("value", meter.getValue());
          json.writeNumberField("events", record.eventCounts().getOrDefault(meter.getKey(), 0L));
          json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write usage JSON", e);
    }
  }

  private static void writeInvoice(JsonGenerator json, Invoice invoice) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", invoice.id().value());
    json.writeStringField("teamId", invoice.teamId().value());
    json.writeNumberField("version", invoice.version());
    json.writeStringField("subscriptionId", invoice.subscriptionId().value());
    json.writeStringField("priceBook", invoice.bookId() + "@" + invoice.bookVersion());
    json.writeStringField("period", invoice.period().month().toString());
    json.writeStringField("zone", invoice.period().zone().getId());
    json.writeStringField("currency", invoice.total().currency().getCurrencyCode());
    json.writeArrayFieldStart("lines");
    for (InvoiceLine line : invoice.lines()) {
      json.writeStartObject();
      json.writeStringField("itemCode", line.itemCode());
      json.writeStringField("type", line.type().name());
      json.writeStringField("description", line.description());
      json.writeStringField("unit", line.unit());
      json.writeStringField("quantity", plain(line.quantity()));
      json.writeStringField("included", plain(line.included()));
      json.writeStringField("overage", plain(line.overage()));
      json.writeStringField("unitPrice", plain(line.unitPrice()));
      json.writeStringField("proration", plain(line.proration()));
      json.writeStringField("amount", plain(line.amount().amount()));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("total", plain(invoice.total().amount()));
    json.writeStringField("computedAt", invoice.computedAt().toString());
    json.writeEndObject();
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }
}
