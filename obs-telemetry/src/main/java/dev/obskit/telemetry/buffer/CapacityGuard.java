package dev.obskit.telemetry.buffer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an append fits under the size cap and above the disk floor, and applies the
 * overflow policy when it does not.
 *
 * <p>The append path only reads two cached figures (bytes used, usable disk space) and adjusts
 * them by the bytes appended since they were measured, so the check costs a few volatile reads.
 * The expensive measurements (directory size, {@code FileStore.getUsableSpace}) run on the
 * housekeeping thread, and on the waiting thread under BLOCK_WITH_TIMEOUT (rate limited). Because
 * appends since the last measurement are subtracted from the usable space, the floor holds even
 * if the housekeeping thread stalls.
 */
final class CapacityGuard {
  private static final Logger log = LoggerFactory.getLogger(CapacityGuard.class);
  private static final long MIN_BLOCKED_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long DROP_WARN_EVERY = 10_000;

  private final String bufferName;
  private final long maxBytes;
  private final long minFreeBytes;
  private final OverflowPolicy policy;
  private final long blockTimeoutNanos;
  private final DiskSpaceProbe probe;
  private final LongSupplier usedBytesMeasure;

  private volatile long measuredUsed;
  private volatile long measuredUsable = Long.MAX_VALUE;
  private volatile long lastRefreshNanos;
  private final AtomicLong sinceMeasure = new AtomicLong();
  private final LongAdder appended = new LongAdder();
  private final LongAdder appendedBytes = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder blockedNanos = new LongAdder();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();

  CapacityGuard(String bufferName, long maxBytes, long minFreeBytes, OverflowPolicy policy,
      Duration blockTimeout, DiskSpaceProbe probe, LongSupplier usedBytesMeasure) {
    this.bufferName = bufferName;
    this.maxBytes = maxBytes;
    this.minFreeBytes = minFreeBytes;
    this.policy = policy;
    this.blockTimeoutNanos = blockTimeout.toNanos();
    this.probe = probe;
    this.usedBytesMeasure = usedBytesMeasure;
    refresh();
  }

  /**
   * Returns true if {@code length} more bytes may be appended now, waiting per the policy; a
   * false return has already been counted as a drop.
   */
  boolean admit(int length) {
    if (fits(length)) {
      return true;
    }
    if (policy == OverflowPolicy.BLOCK_WITH_TIMEOUT && awaitSpace(length)) {
      return true;
    }
    dropForSpace(length);
    return false;
  }

  /** Counts a drop for a reason other than space (the reason is logged with the count). */
  void drop(String reason) {
    dropped.increment();
    long n = dropped.sum();
    if (n % DROP_WARN_EVERY == 1) {
      log.warn("Telemetry buffer '{}' dropped a record: {}; {} dropped so far", bufferName, reason,
          n);
    }
  }

  private void dropForSpace(int length) {
    long used = usedBytes();
    long usable = measuredUsable - sinceMeasure.get();
    String reason = used + length > maxBytes
        ? "the cap is reached (" + used + " unshipped bytes of " + maxBytes + " allowed)"
        : "the disk floor is reached (" + usable + " bytes usable, " + minFreeBytes + " kept free)";
    drop(reason);
  }

  private boolean fits(int length) {
    long since = sinceMeasure.get();
    return measuredUsed + since + length <= maxBytes
        && measuredUsable - since - length >= minFreeBytes;
  }

  private boolean awaitSpace(int length) {
    long start = System.nanoTime();
    long deadline = start + blockTimeoutNanos;
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        if (now - lastRefreshNanos >= MIN_BLOCKED_REFRESH_NANOS) {
          refreshLocked();
        }
        if (fits(length)) {
          return true;
        }
        long left = deadline - now;
        if (left <= 0) {
          return false;
        }
        freed.awaitNanos(Math.min(left, MIN_BLOCKED_REFRESH_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
      blockedNanos.add(System.nanoTime() - start);
    }
  }

  void appended(int length) {
    sinceMeasure.addAndGet(length);
    appendedBytes.add(length);
    appended.increment();
  }

  /** Returns the mean size of the records appended so far, or {@code fallback} before any. */
  long meanRecordBytes(long fallback) {
    long n = appended.sum();
    return n == 0 ? fallback : Math.max(1, appendedBytes.sum() / n);
  }

  /** Re-measures used bytes and usable disk space and wakes blocked appenders. Thread-safe. */
  void refresh() {
    lock.lock();
    try {
      refreshLocked();
    } finally {
      lock.unlock();
    }
  }

  private void refreshLocked() {
    // Reset the delta before measuring: bytes appended during the measurement are then counted
    // twice at worst (conservative), never zero times.
    long before = sinceMeasure.getAndSet(0);
    try {
      measuredUsed = usedBytesMeasure.getAsLong();
      measuredUsable = probe == null ? Long.MAX_VALUE : probe.usableBytes();
    } catch (java.io.IOException | RuntimeException e) {
      sinceMeasure.addAndGet(before);
      log.warn("Telemetry buffer '{}': cannot measure disk usage: {}", bufferName, e.toString());
    }
    lastRefreshNanos = System.nanoTime();
    freed.signalAll();
  }

  long usedBytes() {
    return measuredUsed + sinceMeasure.get();
  }

  BufferStats stats() {
    return new BufferStats(appended.sum(), dropped.sum(), usedBytes(), blockedNanos.sum());
  }
}
