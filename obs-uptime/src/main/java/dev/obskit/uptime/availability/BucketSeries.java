package dev.obskit.uptime.availability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buckets of one granularity for one monitor, created lazily (a monitor with no data costs
 * nothing) and pruned past the retention. Not thread-safe; guarded by {@link MonitorHistory}.
 */
final class BucketSeries {
  private final Granularity granularity;
  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

  BucketSeries(Granularity granularity) {
    this.granularity = granularity;
  }

  Bucket bucketFor(long epochMillis) {
    long size = granularity.sizeMillis();
    long start = Math.floorDiv(epochMillis, size) * size;
    return buckets.computeIfAbsent(start, Bucket::new);
  }

  void prune(long nowMillis) {
    long oldest = nowMillis - granularity.retention().toMillis();
    buckets.headMap(Math.floorDiv(oldest, granularity.sizeMillis()) * granularity.sizeMillis())
        .clear();
  }

  /** Returns buckets whose start lies in [from, to). */
  List<Bucket> range(long from, long to) {
    if (to <= from) {
      return List.of();
    }
    return new ArrayList<>(buckets.subMap(from, true, to, false).values());
  }

  Map<Long, Bucket> view() {
    return buckets;
  }
}
