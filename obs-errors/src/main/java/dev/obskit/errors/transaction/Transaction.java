package dev.obskit.errors.transaction;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The summary of one Sentry transaction (a traced operation such as an HTTP request), as read
 * from an envelope's {@code transaction} item: what a performance view lists. Spans themselves are
 * counted, not kept. Immutable.
 *
 * @param eventId the transaction's 32-hex event id
 * @param name the transaction name ({@code transaction}), e.g. {@code GET /orders/{id}}
 * @param op the operation ({@code contexts.trace.op}), e.g. {@code http.server}, or null
 * @param traceId the trace id ({@code contexts.trace.trace_id}), or null
 * @param spanCount how many child spans the transaction carried
 * @param start when it started ({@code start_timestamp})
 * @param end when it finished ({@code timestamp})
 * @param status the span status ({@code contexts.trace.status}), e.g. {@code ok}, or null
 * @param release the release, or null
 * @param environment the environment, or null
 */
public record Transaction(String eventId, String name, String op, String traceId, int spanCount,
    Instant start, Instant end, String status, String release, String environment) {
  /** Validates the required components. */
  public Transaction {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (spanCount < 0) {
      throw new IllegalArgumentException("spanCount must not be negative, got " + spanCount);
    }
  }

  /** Returns how long it took; zero when the sender's end precedes its start. */
  public Duration duration() {
    return end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
  }
}
