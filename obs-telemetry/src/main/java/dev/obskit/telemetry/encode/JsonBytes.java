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

  private final RecordEncoder.Output out;
  private boolean first = true;

  JsonBytes(RecordEncoder.Output out) {
    this.out = out;
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

  /** Writes {@code ,"name":} (name must be plain ASCII without quotes or backslashes). */
  void name(String name) {
    comma();
    out.write('"');
    for (int i = 0; i < name.length(); i++) {
      out.write(name.charAt(i));
    }
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
    ascii(Long.toString(v));
  }

  void value(boolean v) {
    comma();
    ascii(v ? "true" : "false");
  }

  void value(double v) {
    comma();
    if (Double.isFinite(v)) {
      ascii(Double.toString(v));
    } else {
      string(Double.toString(v));
    }
  }

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      out.write(s.charAt(i));
    }
  }

  private void string(String s) {
    out.write('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
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
    out.write('"');
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
