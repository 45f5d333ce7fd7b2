package dev.obskit.core.id;

/**
 * A string identifier with a type, so that a {@link MonitorId} can never be passed where an
 * {@link IncidentId} is expected. Implementations are immutable records whose {@code toString()} is
 * the raw value.
 */
public interface TypedId {
  /** Returns the raw identifier, as stored and as shown to users. */
  String value();
}
