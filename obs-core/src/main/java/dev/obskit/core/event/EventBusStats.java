package dev.obskit.core.event;

/**
 * Counts of an {@link EventBus}'s activity since it was created.
 *
 * @param published events accepted by {@code publish}
 * @param delivered successful subscriber invocations
 * @param subscriberFailures subscriber invocations that threw
 * @param rejected events the async bus could not queue (queue full or closed)
 */
public record EventBusStats(long published, long delivered, long subscriberFailures, long rejected) {}
