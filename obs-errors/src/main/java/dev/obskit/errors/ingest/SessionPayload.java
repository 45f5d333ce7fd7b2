package dev.obskit.errors.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The release-health part of a {@code session} or {@code sessions} item: the release, sessions
 * started, and sessions that ended crashed or abnormal.
 *
 * @param release the release ({@code attrs.release}, required by the protocol)
 * @param started sessions started (a session update with {@code init:true}, or aggregate counts)
 * @param crashed sessions that crashed or ended abnormally
 */
record SessionPayload(String release, long started, long crashed) {
  /** Parses the item; returns null when it is unreadable or names no release. */
  static SessionPayload parse(byte[] data, int offset, int length) {
    try (JsonParser p = Envelope.JSON.createParser(data, offset, length)) {
      String release = null;
      long started = 0;
      long crashed = 0;
      boolean init = false;
      String status = null;
      while (p.nextToken() != null) {
        if (p.currentToken() != JsonToken.FIELD_NAME) {
          continue;
        }
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "release": release = t == JsonToken.VALUE_STRING ? p.getText() : release; break;
          case "init": init = t == JsonToken.VALUE_TRUE; break;
          case "status": status = t == JsonToken.VALUE_STRING ? p.getText() : status; break;
          case "exited": case "errored": started = saturatedAdd(started, count(p, t)); break;
          case "crashed": case "abnormal": {
            long n = count(p, t);
            started = saturatedAdd(started, n);
            crashed = saturatedAdd(crashed, n);
            break;
          }
          default: break;
        }
      }
      if (init) {
        started++;
      }
      if ("crashed".equals(status) || "abnormal".equals(status)) {
        crashed++;
      }
      return release == null || release.isEmpty() ? null : new SessionPayload(release, started, crashed);
    } catch (IOException e) {
      return null;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static long count(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_NUMBER_INT ? Math.max(0, p.getValueAsLong()) : 0;
  }
}
