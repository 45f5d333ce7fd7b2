package dev.obskit.core.store;

import dev.obskit.core.id.TypedId;

/**
 * What every stored aggregate of every module is: identified, team scoped and versioned, so one
 * generic in-memory store and one JDBC mapping convention fit them all.
 *
 * @param <I> the id type
 */
public interface Aggregate<I extends TypedId> extends TeamScoped, Versioned {
  /** Returns the id, unique within the team. */
  I id();
}
