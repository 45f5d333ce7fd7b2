package dev.obskit.billing.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV writing: fields containing a comma, quote, CR or LF are quoted with inner quotes
 * doubled; records end in CRLF. Fields that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or CR) are prefixed with a single quote (OWASP CSV injection advice), except
 * plain numbers such as {@code -1.50}. Not thread-safe.
 */
final class Csv {
  private final Writer out;

  Csv(Writer out) {
    this.out = out;
  }

  void row(List<String> fields) {
    try {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(escape(fields.get(i)));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write CSV", e);
    }
  }

  static String escape(String raw) {
    String value = raw == null ? "" : raw;
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value)) {
      value = "'" + value;
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  private static boolean isNumber(String value) {
    return value.matches("-?[0-9]+(\\.[0-9]+)?");
  }
}
