package dev.obskit.telemetry.encode;

/**
 * A minimal JSON writer for the log record hot path: field names are ASCII constants, strings are
 * escaped per RFC 8259 and written as UTF-8 straight into the thread's reusable output. Profiling
 * showed a Jackson generator per event (construction, buffer recycling, per-character string
 * segment handling) costing more than the Chronicle append itself; the record schema is fixed, so
 * this writer needs no generality. Lone surrogates are replaced with U+FFFD so the output is always
 * valid UTF-8. Not thread-safe: one per encoding call.
 */
final class JsonBytes {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private final RecordEncoder.Output out;
  private boolean first = true;

  JsonBytes(RecordEncoder.Output out) {
    this.out = out;
  }

  /** Starts a new record in the (already reset) output. */
  JsonBytes reset() {
    first = true;
    return this;
  }

  void startObject() {
    out.write('{');
    first = true;
  }

  void endObject() {
    out.write('}');
    first = false;
  }

  void startArray() {
    out.write('[');
    first = true;
  }

  void endArray() {
    out.write(']');
    first = false;
  }

  /**
   * Writes pre-encoded JSON {@code bytes} verbatim; the next value or name gets a comma before it
   * if {@code thenComma}.
   */
  void raw(byte[] bytes, boolean thenComma) {
    out.write(bytes, 0, bytes.length);
    first = !thenComma;
  }

  /** Writes {@code ,"name":} (name must be plain ASCII without quotes or backslashes). */
  void name(String name) {
    comma();
    out.write('"');
    ascii(name);
    out.write('"');
    out.write(':');
    first = true;
  }

  /** Writes {@code ,"key":} for an arbitrary (escaped) key. */
  void key(String key) {
    comma();
    string(key);
    out.write(':');
    first = true;
  }

  private void comma() {
    if (!first) {
      out.write(',');
    }
    first = false;
  }

  void value(String s) {
    comma();
    string(s);
  }

  void value(long v) {
    comma();
    digits(v);
  }

  void value(boolean v) {
    comma();
    out.write(v ? TRUE : FALSE, 0, v ? 4 : 5);
  }

  void value(double v) {
    comma();
    if (Double.isFinite(v)) {
      ascii(Double.toString(v));
    } else {
      string(Double.toString(v));
    }
  }

  /** Writes {@code v} in decimal without allocating. */
  private void digits(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    out.ensure(20);
    byte[] b = out.buf;
    int p = out.len;
    if (v < 0) {
      b[p++] = '-';
      v = -v;
    }
    int n = 1;
    for (long t = v; t >= 10; t /= 10) {
      n++;
    }
    for (int i = p + n - 1; i >= p; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    out.len = p + n;
  }

  /**
   * Writes {@code epochNanos} as the body of an RFC 3339 string (no quotes) with nine fraction
   * digits; the date-time part comes from {@code out}'s per-thread cache of the current second.
   */
  void timestamp(long epochNanos) {
    long second = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    byte[] prefix = out.secondPrefix(second);
    out.ensure(prefix.length + 10);
    byte[] b = out.buf;
    int p = out.len;
    System.arraycopy(prefix, 0, b, p, prefix.length);
    p += prefix.length;
    for (int i = p + 8; i >= p; i--) {
      b[i] = (byte) ('0' + nanos % 10);
      nanos /= 10;
    }
    b[p + 9] = 'Z';
    out.len = p + 10;
  }

  private void ascii(String s) {
    int n = s.length();
    out.ensure(n);
    byte[] b = out.buf;
    int p = out.len;
    for (int i = 0; i < n; i++) {
      b[p++] = (byte) s.charAt(i);
    }
    out.len = p;
  }

  private void string(String s) {
    int n = s.length();
    // Fast path: plain ASCII needing no escapes, written straight into the array.
    out.ensure(n + 2);
    byte[] b = out.buf;
    int p = out.len;
    b[p++] = '"';
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      b[p++] = (byte) c;
    }
    out.len = p;
    if (i < n) {
      slowString(s, i, n);
    }
    out.write('"');
  }

  private void slowString(String s, int from, int n) {
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out.write(c);
        } else {
          escape(c);
        }
      } else if (c < 0x800) {
        out.write(0xc0 | (c >> 6));
        out.write(0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.write(0xf0 | (cp >> 18));
        out.write(0x80 | ((cp >> 12) & 0x3f));
        out.write(0x80 | ((cp >> 6) & 0x3f));
        out.write(0x80 | (cp & 0x3f));
      } else {
        char ch = Character.isSurrogate(c) ? '\ufffd' : c;
        out.write(0xe0 | (ch >> 12));
        out.write(0x80 | ((ch >> 6) & 0x3f));
        out.write(0x80 | (ch & 0x3f));
      }
    }
  }

  private void escape(char c) {
    out.write('\\');
    switch (c) {
      case '"': out.write('"'); return;
      case '\\': out.write('\\'); return;
      case '\n': out.write('n'); return;
      case '\r': out.write('r'); return;
      case '\t': out.write('t'); return;
      case '\b': out.write('b'); return;
      case '\f': out.write('f'); return;
      default:
        out.write('u');
        out.write('0');
        out.write('0');
        out.write(HEX[(c >> 4) & 0xf]);
        out.write(HEX[c & 0xf]);
    }
  }
}
