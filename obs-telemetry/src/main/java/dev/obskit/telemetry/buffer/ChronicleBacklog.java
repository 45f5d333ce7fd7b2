package dev.obskit.telemetry.buffer;

import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Counts the records after a committed index by index arithmetic instead of walking them.
 *
 * <p>A Chronicle index is {@code (cycle << shift) | sequence} and sequences run densely from 0 in
 * every roll cycle, so within one cycle the number of records between two indexes is the difference
 * of their sequences. Across cycles the count is: the rest of the committed record's cycle, plus
 * every whole cycle in between, plus the sequence of the end position in the newest cycle. A cycle
 * older than the newest never grows again, so its record count is looked up once (Chronicle's
 * index, no scan) and cached; cycles without a file hold no records.
 *
 * <p>The end position comes from one reused tailer moved to the end under this object's lock, so a
 * call allocates nothing in the common case and touches at most the index of the newest cycle.
 * Thread-safe.
 */
final class ChronicleBacklog {
  private static final long NONE = -1;

  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;
  /** Record counts of closed cycles that have a file, keyed by cycle; guarded by {@code this}. */
  private final TreeMap<Integer, Long> closedCounts = new TreeMap<>();
  /** Cycles in [scannedFrom, scannedTo) have been looked up; guarded by {@code this}. */
  private int scannedFrom = Integer.MAX_VALUE;
  private int scannedTo = Integer.MIN_VALUE;
  private ExcerptTailer probe;
  private boolean closed;

  ChronicleBacklog(SingleChronicleQueue queue) {
    this.queue = queue;
    this.rollCycle = queue.rollCycle();
  }

  /**
   * Returns how many records follow {@code committed} (all records when it is {@code -1}), up to
   * the end of the queue at the time of the call.
   */
  synchronized long count(long committed) {
    if (closed || queue.isClosed()) {
      return 0;
    }
    int firstCycle = queue.firstCycle();
    if (firstCycle == Integer.MAX_VALUE) {
      return 0; // no cycle file yet
    }
    long end = endIndex();
    int endCycle = rollCycle.toCycle(end);
    long endSeq = rollCycle.toSequenceNumber(end); // records of the newest cycle
    if (committed == NONE) {
      scanClosedCycles(firstCycle, endCycle);
      return Math.max(0, sum(Integer.MIN_VALUE, endCycle) + endSeq);
    }
    int committedCycle = rollCycle.toCycle(committed);
    long committedSeq = rollCycle.toSequenceNumber(committed);
    if (committedCycle >= endCycle) {
      return Math.max(0, endSeq - committedSeq - 1);
    }
    scanClosedCycles(committedCycle, endCycle);
    forget(committedCycle);
    long restOfCommittedCycle = closedCounts.getOrDefault(committedCycle, 0L) - committedSeq - 1;
    long between = sum(committedCycle + 1, endCycle);
    return Math.max(0, restOfCommittedCycle + between + endSeq);
  }

  /** The index the next appended record of the newest cycle will get. */
  private long endIndex() {
    if (probe == null) {
      probe = queue.createTailer();
      // Used by whichever thread asks for the backlog, always under this object's lock.
      probe.singleThreadedCheckDisabled(true);
    }
    return probe.toEnd().index();
  }

  /** Looks up the counts of closed cycles in [from, to) not looked up before. */
  private void scanClosedCycles(int from, int to) {
    boolean moved = false;
    if (from < scannedFrom) {
      moved = lookUp(from, Math.min(scannedFrom, to));
      scannedFrom = from;
    }
    if (to > scannedTo) {
      moved |= lookUp(Math.max(from, scannedTo), to);
      scannedTo = to;
    }
    if (moved) {
      // Leave the probe on the newest cycle, so it holds no older file that retention may delete.
      probe.toEnd();
    }
  }

  /** Returns true if the probe was moved off the newest cycle. */
  private boolean lookUp(int from, int to) {
    int cycle = from - 1;
    boolean moved = false;
    while (true) {
      try {
        cycle = queue.nextCycle(cycle, TailerDirection.FORWARD);
      } catch (ParseException e) {
        return moved; // an unparseable file name: counted as no records
      }
      if (cycle < 0 || cycle >= to) {
        return moved;
      }
      if (!closedCounts.containsKey(cycle)) {
        moved = true;
        long n = probe.excerptsInCycle(cycle);
        if (n > 0) {
          closedCounts.put(cycle, n);
        }
      }
    }
  }

  /** Drops cached counts of cycles before {@code cycle}: the cursor never goes back. */
  private void forget(int cycle) {
    closedCounts.headMap(cycle, false).clear();
    scannedFrom = Math.max(scannedFrom, cycle);
  }

  /** Sums the cached counts of cycles in [from, to). */
  private long sum(int from, int to) {
    long n = 0;
    for (Map.Entry<Integer, Long> e : closedCounts.subMap(from, true, to, false).entrySet()) {
      n += e.getValue();
    }
    return n;
  }

  synchronized void close() {
    closed = true;
    if (probe != null) {
      probe.close();
      probe = null;
    }
  }
}
