package dev.obskit.uptime.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the registry expiry date in a WHOIS record. WHOIS is free text; the labels below cover
 * the ICANN registry/registrar format ({@code Registry Expiry Date: 2028-09-14T04:00:00Z}) and
 * the common ccTLD variants ({@code paid-till}, {@code expires}, {@code Expiry date}), with ISO
 * dates, ISO date-times with or without fractions or offsets, {@code 2028.09.14} and
 * {@code 14-Sep-2028}. Dates without a time are taken as 00:00 UTC.
 */
public final class WhoisExpiryParser {
  private static final List<String> LABELS = List.of(
      "registry expiry date", "registrar registration expiration date", "expiration date",
      "expiry date", "expire date", "expires on", "expires", "paid-till", "renewal date",
      "valid until");
  private static final List<String> NOT_FOUND = List.of(
      "no match for", "not found", "no data found", "no entries found", "status: free",
      "domain not found");
  private static final DateTimeFormatter DD_MMM_YYYY = new DateTimeFormatterBuilder()
      .parseCaseInsensitive().appendPattern("dd-MMM-yyyy").toFormatter(Locale.ROOT);

  private WhoisExpiryParser() {}

  /** Returns whether the record says the domain is not registered. */
  public static boolean notRegistered(String record) {
    String lower = record.toLowerCase(Locale.ROOT);
    for (String marker : NOT_FOUND) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the expiry found in {@code record}, or empty when no known label has a date. */
  public static Optional<Instant> parse(String record) {
    for (String label : LABELS) {
      for (String line : record.split("\\R")) {
        String trimmed = line.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(label) && trimmed.length() > label.length()) {
          String rest = trimmed.substring(label.length()).strip();
          if (rest.startsWith(":")) {
            Optional<Instant> date = date(rest.substring(1).strip());
            if (date.isPresent()) {
              return date;
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  static Optional<Instant> date(String value) {
    String v = value.split("\\s+")[0];
    if (v.matches("\\d{4}\\.\\d{2}\\.\\d{2}")) {
      v = v.replace('.', '-');
    }
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return Optional.of(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return Optional.of(LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return Optional.of(LocalDate.parse(v, DD_MMM_YYYY).atStartOfDay()
          .toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
