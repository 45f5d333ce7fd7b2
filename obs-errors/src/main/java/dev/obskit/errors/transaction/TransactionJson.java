package dev.obskit.errors.transaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import dev.obskit.errors.event.EpochSeconds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the summary of a Sentry transaction payload with jackson-core's streaming API: {@code
 * event_id}, {@code transaction}, {@code start_timestamp} and {@code timestamp} (epoch seconds or
 * RFC 3339), {@code release}, {@code environment}, {@code contexts.trace.{trace_id,op,status}}
 * and the number of {@code spans}. Other members are skipped. Strings are cut at 512 characters.
 * Thread-safe.
 */
public final class TransactionJson {
  private static final int MAX_CHARS = 512;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
          .maxStringLength(1024 * 1024).maxNumberLength(64).build())
      .build();

  private TransactionJson() {}

  /**
   * Reads one transaction payload. {@code envelopeEventId} (the envelope header's {@code
   * event_id}, or null) wins over the payload's, as the envelope spec says; one of them is required.
   */
  public static Transaction read(byte[] data, int offset, int length, String envelopeEventId)
      throws MalformedTransactionException {
    try (JsonParser p = FACTORY.createParser(data, offset, length)) {
      return new Reader(p).transaction(envelopeEventId);
    } catch (JsonProcessingException e) {
      throw new MalformedTransactionException("invalid_json",
          "transaction is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedTransactionException("invalid_json",
          "transaction could not be read: " + e.getMessage(), e);
    }
  }

  /** Normalises an event id to 32 lowercase hex characters; null when it is not one. */
  static String eventId(String raw) {
    if (raw == null) {
      return null;
    }
    String id = raw.replace("-", "").toLowerCase(Locale.ROOT);
    if (id.length() != 32) {
      return null;
    }
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return null;
      }
    }
    return id;
  }

  private static final class Reader {
    private final JsonParser p;
    private String eventId;
    private String name;
    private String op;
    private String traceId;
    private int spans;
    private Instant start;
    private Instant end;
    private String status;
    private String release;
    private String environment;

    Reader(JsonParser p) {
      this.p = p;
    }

    Transaction transaction(String envelopeEventId) throws IOException, MalformedTransactionException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedTransactionException("not_an_object", "transaction must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (field) {
          case "event_id": eventId = text(field); break;
          case "type": {
            String type = text(field);
            if (!"transaction".equals(type)) {
              throw new MalformedTransactionException("wrong_type",
                  "transaction item has type '" + cut(type) + "'");
            }
            break;
          }
          case "transaction": name = text(field); break;
          case "start_timestamp": start = timestamp(field); break;
          case "timestamp": end = timestamp(field); break;
          case "release": release = text(field); break;
          case "environment": environment = text(field); break;
          case "contexts": contexts(); break;
          case "spans": spans(); break;
          default: p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new MalformedTransactionException("invalid_json", "data after the transaction object");
      }
      return build(envelopeEventId);
    }

    private Transaction build(String envelopeEventId) throws MalformedTransactionException {
      String raw = envelopeEventId != null ? envelopeEventId : eventId;
      if (raw == null) {
        throw new MalformedTransactionException("missing_event_id",
            "transaction has no event_id (neither in the envelope header nor the payload)");
      }
      String id = eventId(raw);
      if (id == null) {
        throw new MalformedTransactionException("invalid_event_id",
            "transaction event_id must be 32 hex characters, got '" + cut(raw) + "'");
      }
      if (start == null || end == null) {
        throw new MalformedTransactionException("missing_timestamp", "transaction lacks "
            + (start == null ? "start_timestamp" : "timestamp"));
      }
      return new Transaction(id, name == null || name.isBlank() ? "<unlabeled transaction>" : name,
          op, traceId, spans, start, end, status, release, environment);
    }

    private void contexts() throws IOException, MalformedTransactionException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String ctx = p.currentName();
        JsonToken t = p.nextToken();
        if (!"trace".equals(ctx) || t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (v == JsonToken.VALUE_NULL) {
            continue;
          }
          switch (f) {
            case "trace_id": traceId = text("contexts.trace.trace_id"); break;
            case "op": op = text("contexts.trace.op"); break;
            case "status": status = text("contexts.trace.status"); break;
            default: p.skipChildren();
          }
        }
      }
    }

    private void spans() throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        p.skipChildren();
        spans++;
      }
    }

    private String text(String what) throws IOException, MalformedTransactionException {
      if (!p.currentToken().isScalarValue()) {
        throw new MalformedTransactionException("invalid_json", what + " must be a string");
      }
      String s = p.getValueAsString();
      return s == null || s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    private Instant timestamp(String what) throws IOException, MalformedTransactionException {
      JsonToken t = p.currentToken();
      try {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          Instant at = EpochSeconds.parse(p.getText());
          if (at == null) {
            throw outOfRange(what, p.getText());
          }
          return at;
        }
        if (t == JsonToken.VALUE_STRING) {
          String s = p.getText();
          Instant at;
          try {
            at = OffsetDateTime.parse(s).toInstant();
          } catch (DateTimeParseException e) {
            at = Instant.parse(s + "Z");
          }
          if (at.getEpochSecond() < 0 || at.getEpochSecond() > EpochSeconds.MAX_SECONDS) {
            throw outOfRange(what, s);
          }
          return at;
        }
      } catch (DateTimeParseException e) {
        throw new MalformedTransactionException("invalid_timestamp",
            what + " must be RFC 3339 or epoch seconds, got '" + cut(p.getText()) + "'", e);
      }
      throw new MalformedTransactionException("invalid_timestamp",
          what + " must be RFC 3339 or epoch seconds, got " + t);
    }
  }

  private static MalformedTransactionException outOfRange(String what, String value) {
    return new MalformedTransactionException(MalformedTransactionException.OUT_OF_RANGE,
        "transaction " + what + " out of range: " + cut(value) + " (epoch seconds from 0 to "
        + EpochSeconds.MAX_SECONDS + ")");
  }

  private static String cut(String s) {
    return s == null || s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
