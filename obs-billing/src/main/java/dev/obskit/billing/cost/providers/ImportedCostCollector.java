package dev.obskit.billing.cost.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.obskit.billing.cost.ChargeCategory;
import dev.obskit.billing.cost.CostCollector;
import dev.obskit.billing.cost.CostRecord;
import dev.obskit.billing.cost.CostSource;
import dev.obskit.billing.money.Decimals;
import dev.obskit.billing.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Costs of providers with no billing API (Supabase, Weaviate in the seed), imported from a CSV or
 * JSON file the host maintains. The file is read at each collection (at most 4 MiB, 100,000 rows),
 * so edits take effect on the next sync; {@link #collect} returns the rows dated that day, as
 * MANUAL records (never overwriting API ones).
 *
 * <p>CSV (RFC 4180, header row required, any column order): {@code
 * provider,accountId,service,sku,date,category,amount,currency,note}; {@code sku}, {@code
 * category} (default USAGE) and {@code note} may be empty. JSON: an array of objects with the same
 * fields (amounts as strings). Amounts use ASCII decimal syntax. A bad row fails the whole
 * collection, naming the file, the row and the field. Thread-safe.
 */
public final class ImportedCostCollector implements CostCollector {
  static final int MAX_BYTES = 4 << 20;
  static final int MAX_ROWS = 100_000;
  private static final List<String> REQUIRED = List.of("provider", "accountId", "service", "date",
      "amount", "currency");

  private final String name;
  private final Path file;
  private final Clock clock;

  private ImportedCostCollector(String name, Path file, Clock clock) {
    this.name = Providers.name(Objects.requireNonNull(name, "name"));
    this.file = Objects.requireNonNull(file, "file");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates a collector named {@code name} over {@code file} (.csv or .json). */
  public static ImportedCostCollector of(String name, Path file, Clock clock) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".csv") && !lower.endsWith(".json")) {
      throw new IllegalArgumentException("cost import file must end in .csv or .json: " + file);
    }
    return new ImportedCostCollector(name, file, clock);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public List<CostRecord> collect(LocalDate day) {
    Objects.requireNonNull(day, "day");
    List<Map<String, String>> rows = read();
    List<CostRecord> records = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < rows.size(); i++) {
      CostRecord record = record(rows.get(i), i + 1, now);
      if (record.date().equals(day)) {
        records.add(record);
      }
    }
    return records;
  }

  private List<Map<String, String>> read() {
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalStateException("cost import " + file.getFileName() + " unreadable: "
          + e.getMessage(), e);
    }
    if (content.length > MAX_BYTES) {
      throw new IllegalStateException("cost import " + file.getFileName() + " is larger than "
          + MAX_BYTES + " bytes");
    }
    String text = new String(content, StandardCharsets.UTF_8);
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json(text)
        : csv(text);
  }

  private CostRecord record(Map<String, String> row, int number, Instant now) {
    for (String field : REQUIRED) {
      if (row.getOrDefault(field, "").isEmpty()) {
        throw bad(number, field, "is required");
      }
    }
    try {
      LocalDate date = LocalDate.parse(row.get("date"));
      ChargeCategory category = ChargeCategory.valueOf(
          row.getOrDefault("category", "").isEmpty() ? "USAGE" : row.get("category"));
      Money amount = Money.of(Decimals.parse(row.get("amount")), Money.currency(row.get("currency")));
      return new CostRecord(row.get("provider"), row.get("accountId"), row.get("service"),
          row.getOrDefault("sku", ""), date, category, amount, CostSource.MANUAL, now,
          row.getOrDefault("note", ""));
    } catch (DateTimeParseException e) {
      throw bad(number, "date", "must be an ISO date like 2026-03-01");
    } catch (IllegalArgumentException e) {
      throw bad(number, "", e.getMessage());
    }
  }

  private IllegalArgumentException bad(int row, String field, String message) {
    return new IllegalArgumentException("cost import " + file.getFileName() + " row " + row
        + (field.isEmpty() ? "" : " field '" + field + "'") + ": " + message);
  }

  /** Parses RFC 4180 CSV with a header row into maps by column name. */
  List<Map<String, String>> csv(String text) {
    List<List<String>> lines = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(cell.toString());
        cell.setLength(0);
        addLine(lines, cells);
        cells = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw bad(lines.size(), "", "unterminated quoted cell");
    }
    if (cell.length() > 0 || !cells.isEmpty()) {
      cells.add(cell.toString());
      addLine(lines, cells);
    }
    if (lines.isEmpty()) {
      return List.of();
    }
    List<String> header = lines.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = 1; r < lines.size(); r++) {
      List<String> values = lines.get(r);
      if (values.size() != header.size()) {
        throw bad(r, "", "has " + values.size() + " cells, the header has " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c).trim(), values.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  private void addLine(List<List<String>> lines, List<String> cells) {
    if (cells.size() == 1 && cells.get(0).isEmpty()) {
      return; // blank line
    }
    if (lines.size() > MAX_ROWS) {
      throw bad(lines.size(), "", "more than " + MAX_ROWS + " rows");
    }
    lines.add(cells);
  }

  private List<Map<String, String>> json(String text) {
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints
        .builder().maxNestingDepth(4).maxNumberLength(64).maxStringLength(4096).build()).build();
    List<Map<String, String>> rows = new ArrayList<>();
    try (JsonParser parser = factory.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw bad(0, "", "must be a JSON array of objects");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        if (rows.size() >= MAX_ROWS) {
          throw bad(rows.size(), "", "more than " + MAX_ROWS + " rows");
        }
        Map<String, String> row = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            throw bad(rows.size() + 1, field, "must be a string");
          }
          row.put(field, value == JsonToken.VALUE_NULL ? "" : parser.getText());
        }
        rows.add(row);
      }
      if (parser.currentToken() != JsonToken.END_ARRAY) {
        throw bad(rows.size() + 1, "", "must be an object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cost import " + file.getFileName()
          + " is not valid JSON: " + e.getMessage(), e);
    }
    return rows;
  }

  @Override
  public String toString() {
    return "ImportedCostCollector{" + name + ", " + file.getFileName() + "}";
  }
}
