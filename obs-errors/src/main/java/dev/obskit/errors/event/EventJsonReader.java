package dev.obskit.errors.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streaming reader for Sentry event JSON. Accepts every shape the protocol allows (and that real
 * SDKs send): {@code exception} and {@code breadcrumbs} as {@code {values:[...]}} or bare arrays,
 * {@code message} as string or object, tags as a map or a list of pairs, timestamps as RFC 3339 or
 * epoch seconds. Unknown keys are skipped.
 */
final class EventJsonReader {
  private static final ThreadLocal<StringCache> STRINGS = ThreadLocal.withInitial(StringCache::new);

  private final JsonParser p;
  private final StringCache strings;

  private EventJsonReader(JsonParser p) {
    this.p = p;
    this.strings = STRINGS.get();
  }

  static ErrorEvent read(byte[] json, int offset, int length) throws MalformedEventException {
    try (JsonParser parser = EventJson.FACTORY.createParser(json, offset, length)) {
      return new EventJsonReader(parser).event();
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("event is not valid JSON: " + e.getOriginalMessage()
          + " at " + location(e), e);
    } catch (IOException e) {
      throw new MalformedEventException("event could not be read: " + e.getMessage(), e);
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private ErrorEvent event() throws IOException, MalformedEventException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedEventException("event must be a JSON object, got "
          + describe(p.currentToken()));
    }
    ErrorEvent.Builder b = ErrorEvent.builder();
    Instant timestamp = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "event_id": b.eventId(eventId(text("event_id"))); break;
        case "timestamp": timestamp = timestamp("timestamp"); break;
        case "platform": b.platform(shared(field, 64)); break;
        case "level": b.level(Level.parse(text(field))); break;
        case "logger": b.logger(limited(text(field), 256)); break;
        case "transaction": b.transaction(limited(text(field), 512)); break;
        case "server_name": b.serverName(shared(field, 256)); break;
        case "release": b.release(shared(field, 256)); break;
        case "dist": b.dist(limited(text(field), 64)); break;
        case "environment": b.environment(shared(field, 256)); break;
        case "message": case "logentry": case "sentry.interfaces.Message": b.logEntry(logEntry()); break;
        case "exception": case "sentry.interfaces.Exception": b.exceptions(exceptions()); break;
        case "tags": b.tags(tags()); break;
        case "user": case "sentry.interfaces.User": b.user(user()); break;
        case "request": case "sentry.interfaces.Http": b.request(request()); break;
        case "contexts": b.contexts(objectMap(field)); break;
        case "extra": b.extra(objectMap(field)); break;
        case "breadcrumbs": b.breadcrumbs(breadcrumbs()); break;
        case "fingerprint": b.fingerprint(stringList(field)); break;
        case "threads": b.threads(threads()); break;
        case "stacktrace": case "sentry.interfaces.Stacktrace":
          if (t == JsonToken.START_OBJECT) {
            b.stacktrace(stacktrace());
          } else {
            p.skipChildren();
          }
          break;
        default: p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedEventException("event object is not closed");
    }
    if (p.nextToken() != null) {
      throw new MalformedEventException("unexpected data after the event object: "
          + describe(p.currentToken()));
    }
    return b.timestamp(timestamp == null ? Instant.EPOCH : timestamp).build();
  }

  /** Normalises an event id to 32 lowercase hex characters (dashes allowed on input). */
  static String eventId(String raw) throws MalformedEventException {
    String id = raw.replace("-", "").toLowerCase(Locale.ROOT);
    if (id.length() != 32 || !isHex(id)) {
      throw new MalformedEventException("event_id must be 32 hex characters, got '"
          + limited(raw, 40) + "'");
    }
    return id;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private Instant timestamp(String what) throws IOException, MalformedEventException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      // The number's text is checked before any arithmetic: a huge exponent costs nothing here.
      String number = p.getText();
      Instant at = EpochSeconds.parse(number);
      if (at == null) {
        throw new MalformedEventException(what + " out of range: " + limited(number, 40)
            + " (epoch seconds from 0 to " + EpochSeconds.MAX_SECONDS + ")");
      }
      return at;
    }
    String text = text(what);
    Instant fast = utcFastPath(text);
    if (fast != null) {
      return fast;
    }
    try {
      return inRange(what, OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return inRange(what, Instant.parse(text + "Z"));
      } catch (DateTimeParseException e2) {
        throw new MalformedEventException(what + " must be RFC 3339 or epoch seconds, got '"
            + limited(text, 64) + "'", e2);
      }
    }
  }

  private static Instant inRange(String what, Instant at) throws MalformedEventException {
    if (at.getEpochSecond() < 0 || at.getEpochSecond() > EpochSeconds.MAX_SECONDS) {
      throw new MalformedEventException(what + " out of range: " + at);
    }
    return at;
  }

  /**
   * Parses the one shape SDKs actually send, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, without the
   * formatter machinery (which costs microseconds and several allocations per call). Returns null
   * for anything else, including invalid dates, so the general parser decides (and words the error).
   */
  static Instant utcFastPath(String t) {
    int n = t.length();
    if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
        || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (t.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      int fraction = digits(t, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  /** Returns the non-negative decimal value of {@code count} ASCII digits, or -1. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private LogEntry logEntry() throws IOException, MalformedEventException {
    if (p.currentToken().isScalarValue()) {
      return LogEntry.formatted(limited(p.getValueAsString(), EventJson.MAX_MESSAGE_CHARS));
    }
    expect(JsonToken.START_OBJECT, "message");
    String template = null;
    String formatted = null;
    List<String> params = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (f) {
        case "message": template = limited(text("message.message"), EventJson.MAX_MESSAGE_CHARS); break;
        case "formatted": formatted = limited(text("message.formatted"), EventJson.MAX_MESSAGE_CHARS); break;
        case "params": params = t == JsonToken.START_ARRAY ? stringList("message.params") : skipped(); break;
        default: p.skipChildren();
      }
    }
    return new LogEntry(template, params, formatted);
  }

  private List<String> skipped() throws IOException {
    p.skipChildren();
    return List.of();
  }

  /** Reads the elements of one JSON array into a list the caller owns. */
  @FunctionalInterface
  private interface ArrayBody {
    void readElements() throws IOException, MalformedEventException;
  }

  /**
   * Reads an interface Sentry sends either as {@code {"values": [...]}} or as a bare array ({@code
   * field} names it in errors), handing the array's elements to {@code body}.
   */
  private void valuesOrArray(String field, ArrayBody body)
      throws IOException, MalformedEventException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if ("values".equals(f) && t == JsonToken.START_ARRAY) {
          body.readElements();
        } else {
          p.skipChildren();
        }
      }
      return;
    }
    expect(JsonToken.START_ARRAY, field);
    body.readElements();
  }

  private List<ExceptionValue> exceptions() throws IOException, MalformedEventException {
    List<ExceptionValue> out = new ArrayList<>();
    valuesOrArray("exception", () -> exceptionArray(out));
    return out;
  }

  private void exceptionArray(List<ExceptionValue> out) throws IOException, MalformedEventException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      ExceptionValue v = exception();
      if (out.size() < EventJson.MAX_EXCEPTIONS) {
        out.add(v);
      }
    }
  }

  private ExceptionValue exception() throws IOException, MalformedEventException {
    ProcessingBudget.check();
    expect(JsonToken.START_OBJECT, "exception value");
    String type = null;
    String value = null;
    String module = null;
    List<StackFrame> frames = List.of();
    String mechanism = null;
    boolean synthetic = false;
    Boolean handled = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (f) {
        case "type": type = shared("exception.type", 256); break;
        case "value": value = limited(text("exception.value"), EventJson.MAX_MESSAGE_CHARS); break;
        case "module": module = shared("exception.module", 256); break;
        case "stacktrace": frames = stacktrace(); break;
        case "mechanism": {
          Map<String, Object> m = objectMap("mechanism");
          mechanism = m.get("type") instanceof String s ? s : null;
          synthetic = Boolean.TRUE.equals(m.get("synthetic"));
          handled = m.get("handled") instanceof Boolean h ? h : null;
          break;
        }
        default: p.skipChildren();
      }
    }
    return new ExceptionValue(type, value, module, frames, mechanism, synthetic, handled);
  }

  private List<StackFrame> stacktrace() throws IOException, MalformedEventException {
    expect(JsonToken.START_OBJECT, "stacktrace");
    List<StackFrame> frames = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if ("frames".equals(f) && t == JsonToken.START_ARRAY) {
        frames = frames();
      } else {
        p.skipChildren();
      }
    }
    return frames;
  }

  private List<StackFrame> frames() throws IOException, MalformedEventException {
    List<StackFrame> head = new ArrayList<>();
    // The tail ring keeps the frames nearest the crash when a stack is deeper than the limit.
    Deque<StackFrame> tail = new ArrayDeque<>();
    int half = EventJson.MAX_FRAMES / 2;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      StackFrame frame = frame();
      if (head.size() < half) {
        head.add(frame);
      } else {
        tail.addLast(frame);
        if (tail.size() > half) {
          tail.removeFirst();
        }
      }
    }
    head.addAll(tail);
    return head;
  }

  private StackFrame frame() throws IOException, MalformedEventException {
    ProcessingBudget.check();
    expect(JsonToken.START_OBJECT, "frame");
    String module = null;
    String function = null;
    String filename = null;
    String absPath = null;
    Integer lineno = null;
    Boolean inApp = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (f) {
        case "module": module = shared("frame.module", 512); break;
        case "function": function = shared("frame.function", 512); break;
        case "filename": filename = shared("frame.filename", 512); break;
        case "abs_path": absPath = shared("frame.abs_path", 1024); break;
        case "lineno": lineno = t == JsonToken.VALUE_NUMBER_INT ? p.getValueAsInt() : null; break;
        case "in_app": inApp = t.isBoolean() ? p.getBooleanValue() : null; break;
        default: p.skipChildren();
      }
    }
    return new StackFrame(module, function, filename, absPath, lineno, inApp);
  }

  private Map<String, String> tags() throws IOException, MalformedEventException {
    Map<String, String> tags = new LinkedHashMap<>();
    if (p.currentToken() == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        List<String> pair = stringListRest();
        if (pair.size() == 2) {
          putTag(tags, pair.get(0), pair.get(1));
        }
      }
      return tags;
    }
    expect(JsonToken.START_OBJECT, "tags");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      ProcessingBudget.check();
      String key = p.currentName();
      JsonToken t = p.nextToken();
      if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
        putTag(tags, key, p.getValueAsString());
      } else {
        p.skipChildren();
      }
    }
    return tags;
  }

  private static void putTag(Map<String, String> tags, String key, String value) {
    if (key != null && value != null && !key.isEmpty() && key.length() <= 200 && tags.size() < 256) {
      tags.put(key, limited(value, EventJson.MAX_TAG_VALUE_CHARS));
    }
  }

  private UserInfo user() throws IOException, MalformedEventException {
    Map<String, Object> m = objectMap("user");
    return new UserInfo(scalar(m.get("id")), scalar(m.get("email")), scalar(m.get("username")),
        scalar(m.get("ip_address")));
  }

  private RequestInfo request() throws IOException, MalformedEventException {
    Map<String, Object> m = objectMap("request");
    Map<String, String> headers = new LinkedHashMap<>();
    Object h = m.get("headers");
    if (h instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (scalar(v) != null) {
          headers.put(String.valueOf(k), scalar(v));
        }
      });
    } else if (h instanceof List<?> list) {
      for (Object pair : list) {
        if (pair instanceof List<?> kv && kv.size() == 2 && scalar(kv.get(1)) != null) {
          headers.put(String.valueOf(kv.get(0)), scalar(kv.get(1)));
        }
      }
    }
    return new RequestInfo(scalar(m.get("method")), scalar(m.get("url")), headers);
  }

  private static String scalar(Object o) {
    if (o instanceof String || o instanceof Number || o instanceof Boolean) {
      return String.valueOf(o);
    }
    return null;
  }

  private List<Breadcrumb> breadcrumbs() throws IOException, MalformedEventException {
    Deque<Breadcrumb> out = new ArrayDeque<>();
    valuesOrArray("breadcrumbs", () -> breadcrumbArray(out));
    return new ArrayList<>(out);
  }

  private void breadcrumbArray(Deque<Breadcrumb> out) throws IOException, MalformedEventException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      out.addLast(breadcrumb());
      if (out.size() > EventJson.MAX_BREADCRUMBS) {
        out.removeFirst();
      }
    }
  }

  private Breadcrumb breadcrumb() throws IOException, MalformedEventException {
    ProcessingBudget.check();
    Instant ts = Instant.EPOCH;
    String type = null;
    String category = null;
    String message = null;
    Level level = Level.INFO;
    Map<String, String> data = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (f) {
        case "timestamp": ts = timestamp("breadcrumb.timestamp"); break;
        case "type": type = shared("breadcrumb.type", 64); break;
        case "category": category = shared("breadcrumb.category", 256); break;
        case "message": message = limited(text("breadcrumb.message"), EventJson.MAX_MESSAGE_CHARS); break;
        case "level": level = Level.parse(text("breadcrumb.level")); break;
        case "data":
          objectMap("breadcrumb.data").forEach((k, v) -> {
            if (scalar(v) != null && data.size() < 64) {
              data.put(k, limited(scalar(v), 1024));
            }
          });
          break;
        default: p.skipChildren();
      }
    }
    return new Breadcrumb(ts, type, category, message, level, data);
  }

  private List<String> stringList(String what) throws IOException, MalformedEventException {
    expect(JsonToken.START_ARRAY, what);
    return stringListRest();
  }

  private List<String> stringListRest() throws IOException {
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      ProcessingBudget.check();
      JsonToken t = p.currentToken();
      if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
        if (out.size() < 64) {
          out.add(limited(p.getValueAsString(), 1024));
        }
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private Map<String, Object> objectMap(String what) throws IOException, MalformedEventException {
    expect(JsonToken.START_OBJECT, what);
    Map<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      out.put(key, value());
    }
    return out;
  }

  private Object value() throws IOException, MalformedEventException {
    ProcessingBudget.check();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: return objectMap("object");
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value());
        }
        return list;
      }
      case VALUE_STRING: return limited(p.getText(), EventJson.MAX_MESSAGE_CHARS);
      case VALUE_NUMBER_INT: return p.getNumberValue();
      case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
      case VALUE_TRUE: return Boolean.TRUE;
      case VALUE_FALSE: return Boolean.FALSE;
      default: return null;
    }
  }

  /**
   * Like {@code limited(text(what), max)}, but a short string value comes from the per-thread
   * {@link StringCache}: module, function and file names repeat in every event of an issue, so
   * most lookups return an existing instance (its hash already computed) instead of a new one.
   */
  private String shared(String what, int max) throws IOException, MalformedEventException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return limited(text(what), max);
    }
    int length = p.getTextLength();
    if (length > StringCache.MAX_LENGTH || length > max) {
      return limited(p.getText(), max);
    }
    return strings.get(p.getTextCharacters(), p.getTextOffset(), length);
  }

  private String text(String what) throws IOException, MalformedEventException {
    JsonToken t = p.currentToken();
    if (!t.isScalarValue()) {
      throw new MalformedEventException(what + " must be a string, got " + describe(t));
    }
    return p.getValueAsString();
  }

  private void expect(JsonToken expected, String what) throws MalformedEventException {
    if (p.currentToken() != expected) {
      throw new MalformedEventException(what + " must be " + describe(expected) + ", got "
          + describe(p.currentToken()));
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case START_OBJECT: return "an object";
      case START_ARRAY: return "an array";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "a number";
      case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
      case VALUE_NULL: return "null";
      default: return t.toString();
    }
  }

  static String limited(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max - 1) + "\u2026";
  }

  // --- threads interface (used by grouping when the exception has no stack) ---

  /** Most threads kept per event; crashed and current threads are kept beyond it. */
  static final int MAX_THREADS = 256;

  private List<ThreadInfo> threads() throws IOException, MalformedEventException {
    List<ThreadInfo> out = new ArrayList<>();
    valuesOrArray("threads", () -> threadArray(out));
    return out;
  }

  private void threadArray(List<ThreadInfo> out) throws IOException, MalformedEventException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      ThreadInfo t = thread();
      // Only the crashed, the current or a lone thread can stand for the event, so other threads
      // keep their flags (the count matters) but not their frames: SDKs that attach every thread
      // would otherwise multiply the memory of a stored event.
      boolean mayStand = t.crashed() || t.current() || out.isEmpty();
      if (mayStand || out.size() < MAX_THREADS) {
        out.add(mayStand ? t : new ThreadInfo(t.id(), t.name(), false, false, List.of()));
      }
      if (out.size() == 2 && !out.get(0).crashed() && !out.get(0).current()) {
        ThreadInfo first = out.get(0);
        out.set(0, new ThreadInfo(first.id(), first.name(), false, false, List.of()));
      }
    }
  }

  private ThreadInfo thread() throws IOException, MalformedEventException {
    ProcessingBudget.check();
    String id = null;
    String name = null;
    boolean crashed = false;
    boolean current = false;
    List<StackFrame> frames = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (f) {
        case "id": id = limited(text("thread.id"), 64); break;
        case "name": name = limited(text("thread.name"), 256); break;
        case "crashed": crashed = t == JsonToken.VALUE_TRUE; break;
        case "current": current = t == JsonToken.VALUE_TRUE; break;
        case "stacktrace": frames = stacktrace(); break;
        default: p.skipChildren();
      }
    }
    return new ThreadInfo(id, name, crashed, current, frames);
  }
}
