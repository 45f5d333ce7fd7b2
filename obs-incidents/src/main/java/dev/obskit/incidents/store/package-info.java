/**
 * In-memory implementations of the module's repositories on core's {@code InMemoryAggregateStore}:
 * team scoped, optimistic versioned, thread-safe; the interfaces are shaped for a JDBC store.
 */
package dev.obskit.incidents.store;
