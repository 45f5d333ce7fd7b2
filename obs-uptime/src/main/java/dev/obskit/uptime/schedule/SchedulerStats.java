package dev.obskit.uptime.schedule;

/**
 * Counters of the check scheduler. Immutable snapshot.
 *
 * @param scheduled monitors in the due-queue
 * @param started checks started
 * @param completed checks completed
 * @param inFlight checks started and not completed
 * @param deferredByHostLimit starts delayed because the target host was at its concurrency limit
 * @param skippedSlots due slots skipped because the scheduler fell more than one period behind
 * @param latenessP50Millis median of (start - due) in ms
 * @param latenessP99Millis 99th percentile of (start - due) in ms
 * @param latenessMaxBucketMillis the largest lateness recorded (10001 means over 10 s)
 * @param hostQueueOverflow checks not run because their host's waiting queue was full
 * @param hostGates host gates alive (hosts with probes running or waiting)
 */
public record SchedulerStats(int scheduled, long started, long completed, long inFlight,
    long deferredByHostLimit, long skippedSlots, long latenessP50Millis, long latenessP99Millis,
    long latenessMaxBucketMillis, long hostQueueOverflow, int hostGates) {}
