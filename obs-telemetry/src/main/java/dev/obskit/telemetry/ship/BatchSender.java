package dev.obskit.telemetry.ship;

import dev.obskit.telemetry.buffer.BufferCursor;
import dev.obskit.telemetry.sink.SendResult;
import dev.obskit.telemetry.sink.SinkBatch;
import dev.obskit.telemetry.sink.TelemetrySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread per sink that moves records from the buffer to the sink.
 *
 * <p>Algorithm: read records after the cursor's position into a pending batch until it reaches the
 * record, byte or age limit; send it; on success commit the cursor past it; on a transient failure
 * wait (exponential backoff with jitter, or the server's Retry-After) and resend the same batch,
 * with the same batch id, indefinitely, because the buffer rather than a retry counter bounds what
 * is kept; on a permanent failure write it to the dead-letter file, commit and continue. Only one
 * batch is in flight, so records reach each sink in buffer order (per appending thread, the order
 * of its appends).
 *
 * <p>Too large: when the sink answers "too large" (HTTP 413, or its own check of the body against
 * the endpoint's documented limit), the batch is split in halves and each half is delivered the
 * same way, recursively; a single record that is still too large is dead-lettered with the reason.
 * The cursor is committed only after every part was accepted or dead-lettered, so a crash or stop
 * in between re-sends the whole batch (parts already accepted arrive twice: at-least-once). Batches
 * are capped at the smaller of the configured byte limit and {@link TelemetrySink#maxBatchBytes()},
 * so with the shipped defaults no request exceeds an endpoint's documented limit in the first place.
 * When a server's limit is lower (a proxy in front of it), the sender learns: after a batch of
 * several records was too large, later batches and the remaining parts of the current one are
 * capped at half its size, so the extra requests of splitting are paid once (until the next start).
 *
 * <p>Batch ids: {@code <sink>-<buffer id>-<first position>-<last position>} in hex, with the
 * buffer's random persisted identity (unique across hosts and buffer directories), from the buffer positions of
 * the first and last record of the batch (or part), sent in the {@value SinkBatch#BATCH_ID_HEADER}
 * header (for a cursor without per-record positions: the committed-to position and the count).
 * Before its first send a batch is put in position order (shard by shard for a sharded buffer);
 * a batch or part spanning several shards gets a third part, a digest of where each shard's run
 * starts and ends, since first and last alone do not determine its records then. The same records
 * always get the same id: across retries, and across restarts because the
 * batch in flight is marked in the cursor ({@link BufferCursor#markInFlight}) before its first send
 * and the first batch after a restart is re-formed from exactly those records, even if more arrived
 * meanwhile. A receiver that remembers ids can drop a re-sent batch whole; a part of a split batch
 * has its own id, identical on every resend because the split is deterministic.
 *
 * <p>Waiting uses {@link LockSupport#parkNanos} rather than interrupts: Chronicle Queue's files must
 * not be touched by interrupted threads.
 */
public final class BatchSender {
  private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

  private final TelemetrySink sink;
  private final BufferCursor cursor;
  private final ShipConfig config;
  private final ShipListener listener;
  private final Backoff backoff;
  private final DeadLetterWriter deadLetters;
  private final Thread thread;
  private final long maxBatchBytes;
  /** {@code <sink>-<buffer id>-}: the start of every batch id. */
  private final String idPrefix;
  /** Half the size of the smallest multi-record batch found too large; sender thread only. */
  private long learnedMaxBatchBytes = Long.MAX_VALUE;

  private final List<byte[]> pending = new ArrayList<>();
  /** Buffer positions of the pending records, same order; {@code positionCount} are set. */
  private long[] positions = new long[64];
  private int positionCount;
  private long pendingBytes;
  /** What the last read returned: the position to commit and to mark in flight. */
  private long pendingLast = -1;
  private long pendingSinceNanos;
  private boolean pendingMarked;
  /** The batch a previous run marked in flight: {last position, records}; null once re-formed. */
  private long[] resume;
  private boolean resendNow;

  private volatile boolean flushRequested;
  /**
   * A stop cuts a backoff short only if at least this much of its deadline is left for the
   * attempt, so the attempt does not outlive the stop (the thread would still be sending).
   */
  private static final long FINAL_ATTEMPT_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** Incremented by every flush and stop request: ends a backoff wait early. */
  private volatile long wakeups;
  private volatile boolean stopRequested;
  private volatile long stopDeadlineNanos;

  private final LongAdder shippedRecords = new LongAdder();
  private final LongAdder shippedBytes = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder splits = new LongAdder();
  private final LongAdder resentAfterRestart = new LongAdder();
  private final LongAdder sends = new LongAdder();
  private final LongAdder sendNanos = new LongAdder();
  private final AtomicLong sendNanosMax = new AtomicLong();

  /**
   * Creates a sender; call {@link #start()} to begin shipping.
   *
   * @param bufferId the buffer's identity ({@code TelemetryBuffer#id()}), part of every batch id
   */
  public BatchSender(TelemetrySink sink, BufferCursor cursor, ShipConfig config,
      ShipListener listener, String bufferId) {
    this.sink = sink;
    this.idPrefix = sink.getName() + "-" + bufferId + "-";
    this.cursor = cursor;
    this.config = config;
    this.listener = listener;
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
        new java.util.Random(ThreadLocalRandom.current().nextLong()));
    this.deadLetters = new DeadLetterWriter(config.deadLetterDirectory(), sink.getName(),
        config.deadLetterMaxBytes());
    this.maxBatchBytes = Math.max(1, Math.min(config.maxBatchBytes(), sink.maxBatchBytes()));
    if (maxBatchBytes < config.maxBatchBytes()) {
      log.info("Telemetry sink '{}': batches capped at {} bytes (configured {}) to stay within the"
          + " endpoint's request limit", sink.getName(), maxBatchBytes, config.maxBatchBytes());
    }
    this.resume = cursor.inFlight();
    this.thread = new Thread(this::run, "obskit-telemetry-sender-" + sink.getName());
    this.thread.setDaemon(true);
  }

  /** Starts the sender thread. */
  public void start() {
    thread.start();
  }

  /** Returns true while the sender thread runs. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Returns the sink this sender ships to. */
  public TelemetrySink sink() {
    return sink;
  }

  /**
   * Sends whatever is buffered without waiting for batch limits and returns true once this sink has
   * committed everything appended before the call, or false at the deadline. Never throws.
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    flushRequested = true;
    wakeups++;
    LockSupport.unpark(thread);
    try {
      while (cursor.backlog() > 0) {
        if (System.nanoTime() >= deadline || !thread.isAlive()) {
          return cursor.backlog() == 0;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
      return true;
    } finally {
      flushRequested = false;
    }
  }

  /**
   * Stops after at most {@code timeout}: keeps shipping until the deadline, then abandons the
   * batch in flight (it stays in the buffer and is shipped at the next start). Never throws.
   */
  public void stop(Duration timeout) {
    stopDeadlineNanos = System.nanoTime() + timeout.toNanos();
    stopRequested = true;
    wakeups++;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("Telemetry sender for '{}' still busy at its shutdown deadline; the unsent batch"
          + " stays buffered", sink.getName());
    }
    sink.close();
  }

  private boolean pastStopDeadline() {
    return stopRequested && System.nanoTime() - stopDeadlineNanos >= 0;
  }

  private void run() {
    while (!pastStopDeadline()) {
      try {
        if (!step()) {
          break;
        }
      } catch (RuntimeException | LinkageError e) {
        // A broken sink or buffer (or a library version clash: NoSuchMethodError) must not kill
        // the thread; the batch stays uncommitted.
        log.error("Telemetry sender for '{}' failed; retrying", sink.getName(), e);
        park(Math.max(config.initialBackoff().toNanos(), 1_000_000_000L));
      }
    }
  }

  /** One iteration; returns false when the sender should exit. */
  private boolean step() {
    fill();
    if (pending.isEmpty()) {
      if (stopRequested) {
        return false;
      }
      park(config.idlePoll().toNanos());
      return true;
    }
    long age = System.nanoTime() - pendingSinceNanos;
    boolean full = pending.size() >= config.maxBatchRecords() || pendingBytes >= batchBytesCap();
    if (!full && !resendNow && !flushRequested && !stopRequested
        && age < config.maxBatchAge().toNanos()) {
      park(Math.min(config.idlePoll().toNanos(), config.maxBatchAge().toNanos() - age));
      return true;
    }
    deliver();
    return true;
  }

  private void fill() {
    if (resume != null && pending.isEmpty()) {
      refillInFlightBatch();
      return;
    }
    if (pendingMarked) {
      return; // a batch already sent once must keep its records (and id)
    }
    int room = config.maxBatchRecords() - pending.size();
    long roomBytes = batchBytesCap() - pendingBytes;
    if (room <= 0 || roomBytes <= 0) {
      return;
    }
    int before = pending.size();
    long last = cursor.read(room, roomBytes, pending, this::addPosition);
    if (last < 0) {
      return;
    }
    pendingLast = last;
    if (before == 0) {
      pendingSinceNanos = System.nanoTime();
    }
    for (int i = before; i < pending.size(); i++) {
      pendingBytes += pending.get(i).length;
    }
  }

  /**
   * Re-forms the batch a previous run had in flight: exactly its records, whatever the limits now,
   * so it is re-sent at once under the same id.
   */
  private void refillInFlightBatch() {
    long last = resume[0];
    int records = (int) resume[1];
    resume = null;
    while (pending.size() < records) {
      long read = cursor.read(records - pending.size(), Long.MAX_VALUE, pending, this::addPosition);
      if (read < 0) {
        break;
      }
      pendingLast = read;
    }
    if (pending.isEmpty()) {
      return;
    }
    for (byte[] r : pending) {
      pendingBytes += r.length;
    }
    pendingSinceNanos = System.nanoTime();
    resendNow = true;
    resentAfterRestart.add(pending.size());
    if (pendingLast != last) {
      // The buffer no longer holds that batch as marked (e.g. its files were removed by hand).
      log.info("Telemetry sink '{}': the batch in flight at the last stop ended at {}, now at {};"
          + " it is re-sent under a new id", sink.getName(), Long.toHexString(last),
          Long.toHexString(pendingLast));
    }
  }

  private void addPosition(long position) {
    if (positionCount == positions.length) {
      positions = Arrays.copyOf(positions, positions.length * 2);
    }
    positions[positionCount++] = position;
  }

  private void deliver() {
    int n = pending.size();
    if (!pendingMarked) {
      putInPositionOrder();
      cursor.markInFlight(pendingLast, n);
      pendingMarked = true;
    }
    if (deliverRange(0, n)) {
      cursor.commit(pendingLast);
      clearPending();
    }
  }

  /**
   * Delivers records {@code [from, to)} of the pending batch until accepted or dead-lettered,
   * splitting on "too large". Returns false if the stop deadline interrupted it.
   */
  private boolean deliverRange(int from, int to) {
    SinkBatch batch = batch(from, to);
    if (to - from > 1 && batch.bytes() > learnedMaxBatchBytes) {
      // A part formed before the sender learned the limit: split it without asking again.
      splits.increment();
      int mid = (from + to) >>> 1;
      return deliverRange(from, mid) && deliverRange(mid, to);
    }
    int attempt = 0;
    while (true) {
      SendResult result = timedSend(batch);
      switch (result.outcome()) {
        case SUCCESS:
          // Count and report before committing: flush() returns as soon as the commit is visible,
          // and its caller must then see the batch in the stats.
          shippedRecords.add(batch.records().size());
          shippedBytes.add(batch.bytes());
          notifyShipped(batch);
          return true;
        case REJECT:
          deadLetter(batch, result);
          return true;
        case TOO_LARGE:
          if (to - from == 1) {
            deadLetter(batch, result);
            return true;
          }
          splits.increment();
          learnFrom(batch);
          int mid = (from + to) >>> 1;
          log.info("Telemetry sink '{}': batch {} of {} records too large ({}); sending it in two"
              + " halves", sink.getName(), batch.batchId(), to - from, result.reason());
          return deliverRange(from, mid) && deliverRange(mid, to);
        default:
          retries.increment();
          attempt++;
          long delay = backoff.delay(attempt, result.retryAfter()).toNanos();
          notifyRetry(batch, result, delay);
          if (attempt == 1 || attempt % 10 == 0) {
            log.warn("Telemetry sink '{}' unavailable ({}); retry {} of batch {} in {} ms",
                sink.getName(), result.reason(), attempt, batch.batchId(), delay / 1_000_000);
          }
          if (!waitBeforeRetry(delay)) {
            return false;
          }
      }
    }
  }

  /**
   * Orders the batch by position before its first send: a no-op for a single queue, shard by
   * shard (each in append order) for a sharded one, whose reads interleave shards in an order that
   * depends on timing. The batch re-formed after a restart is ordered the same way, so it gets the
   * same id and splits at the same points.
   */
  private void putInPositionOrder() {
    int n = pending.size();
    if (positionCount != n) {
      return;
    }
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = positions[i - 1] < positions[i];
    }
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    long[] pos = positions;
    Arrays.sort(order, (a, b) -> Long.compare(pos[a], pos[b]));
    List<byte[]> records = new ArrayList<>(pending);
    long[] sortedPositions = new long[positions.length];
    for (int i = 0; i < n; i++) {
      pending.set(i, records.get(order[i]));
      sortedPositions[i] = pos[order[i]];
    }
    positions = sortedPositions;
  }

  private long batchBytesCap() {
    return Math.min(maxBatchBytes, learnedMaxBatchBytes);
  }

  /** Caps later batches at half of a multi-record batch the sink found too large. */
  private void learnFrom(SinkBatch tooLarge) {
    long half = Math.max(1, tooLarge.bytes() / 2);
    if (half < learnedMaxBatchBytes && half < maxBatchBytes) {
      learnedMaxBatchBytes = half;
      log.info("Telemetry sink '{}': a batch of {} bytes was too large; batches are capped at {}"
          + " bytes until the next start", sink.getName(), tooLarge.bytes(), half);
    }
  }

  private SinkBatch batch(int from, int to) {
    List<byte[]> records = pending.subList(from, to);
    long bytes = 0;
    for (byte[] r : records) {
      bytes += r.length;
    }
    return new SinkBatch(batchId(from, to), records, bytes);
  }

  /**
   * {@code <sink>-<first>-<last>} from the records' own positions; for a cursor that reports none,
   * {@code <sink>-<read position>-<count>} for the whole batch and {@code /<offset>+<count>} after
   * it for a part. Either way the same records get the same id on every resend.
   */
  private String batchId(int from, int to) {
    if (positionCount == pending.size()) {
      long first = positions[from];
      long last = positions[to - 1];
      String id = idPrefix + Long.toHexString(first) + "-" + Long.toHexString(last);
      if (first >>> BufferCursor.SHARD_SHIFT == last >>> BufferCursor.SHARD_SHIFT) {
        return id; // one shard: first and last determine every record in between
      }
      return id + "-" + Long.toHexString(shardRunsDigest(from, to));
    }
    String whole = idPrefix + Long.toHexString(pendingLast) + "-" + pending.size();
    return from == 0 && to == pending.size() ? whole : whole + "/" + from + "+" + (to - from);
  }

  /**
   * A 64-bit digest of where each shard's run of records starts and ends in {@code [from, to)}:
   * with several shards, first and last position alone do not say how far the shards in between
   * reach, so two different cuts could otherwise share an id.
   */
  private long shardRunsDigest(int from, int to) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      boolean runStart = i == from
          || positions[i] >>> BufferCursor.SHARD_SHIFT != positions[i - 1] >>> BufferCursor.SHARD_SHIFT;
      if (runStart) {
        h = mix(h ^ positions[i]);
        if (i > from) {
          h = mix(h ^ positions[i - 1]);
        }
      }
    }
    return mix(h ^ positions[to - 1]);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private void deadLetter(SinkBatch batch, SendResult result) {
    deadLetters.write(sink.getName(), batch, result);
    deadLettered.add(batch.records().size());
  }

  /**
   * Waits {@code delayNanos}; returns false if the stop deadline passes first. A flush or stop
   * requested during the wait ends it at once, so the caller makes one more attempt within its
   * deadline instead of sleeping through the backoff (once per request).
   */
  private boolean waitBeforeRetry(long delayNanos) {
    long until = System.nanoTime() + delayNanos;
    long wakeupsAtStart = wakeups;
    while (System.nanoTime() - until < 0) {
      if (pastStopDeadline()) {
        return false;
      }
      if (wakeups != wakeupsAtStart && (!stopRequested
          || stopDeadlineNanos - System.nanoTime() >= FINAL_ATTEMPT_MIN_NANOS)) {
        return true;
      }
      long left = until - System.nanoTime();
      if (stopRequested) {
        left = Math.min(left, stopDeadlineNanos - System.nanoTime());
      }
      park(Math.max(left, 1));
    }
    return !pastStopDeadline();
  }

  private SendResult timedSend(SinkBatch batch) {
    long start = System.nanoTime();
    SendResult result;
    try {
      result = sink.send(batch);
    } catch (RuntimeException e) {
      result = SendResult.retry(0, "sink threw " + e, null);
    }
    long took = System.nanoTime() - start;
    sends.increment();
    sendNanos.add(took);
    sendNanosMax.accumulateAndGet(took, Math::max);
    return result;
  }

  private void notifyShipped(SinkBatch batch) {
    long spanBytes = 0;
    long metricBytes = 0;
    for (byte[] r : batch.records()) {
      if (isSpan(r)) {
        spanBytes += r.length;
      } else if (hasPrefix(r, METRIC_PREFIX)) {
        metricBytes += r.length;
      }
    }
    try {
      listener.onShipped(sink.getName(), batch, batch.bytes() - spanBytes - metricBytes, spanBytes);
    } catch (RuntimeException e) {
      log.warn("Telemetry ship listener failed: {}", e.toString());
    }
  }

  private void notifyRetry(SinkBatch batch, SendResult result, long delayNanos) {
    try {
      listener.onRetry(sink.getName(), batch, result, Duration.ofNanos(delayNanos));
    } catch (RuntimeException e) {
      log.warn("Telemetry ship listener failed: {}", e.toString());
    }
  }

  private static final byte[] SPAN_PREFIX = "{\"kind\":\"span\"".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  /** The start of every metric record ({@code DurableMetricExporter}). */
  public static final byte[] METRIC_PREFIX = "{\"kind\":\"metric\"".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  static boolean isSpan(byte[] record) {
    return hasPrefix(record, SPAN_PREFIX);
  }

  /** Returns true if {@code record} starts with {@code prefix}. */
  public static boolean hasPrefix(byte[] record, byte[] prefix) {
    if (record.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (record[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private void clearPending() {
    pending.clear();
    pendingBytes = 0;
    pendingLast = -1;
    positionCount = 0;
    pendingMarked = false;
    resendNow = false;
  }

  private void park(long nanos) {
    if (nanos > 0) {
      LockSupport.parkNanos(this, nanos);
    }
  }

  /** Returns this sender's counters; thread-safe. */
  public SenderStats stats() {
    return new SenderStats(sink.getName(), shippedRecords.sum(), shippedBytes.sum(), retries.sum(),
        deadLettered.sum(), cursor.backlog(), sends.sum(), sendNanos.sum(), sendNanosMax.get(),
        splits.sum(), resentAfterRestart.sum());
  }
}
