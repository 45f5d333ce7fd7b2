package dev.obskit.uptime.availability;

import java.time.Instant;

/** Mutable accumulator of one bucket; guarded by the owning {@link MonitorHistory}. */
final class Bucket {
  final long start;
  long up;
  long down;
  long maintenance;
  long checks;
  long failed;
  LatencyDigest latency;

  Bucket(long start) {
    this.start = start;
  }

  void addLatency(long millis) {
    if (latency == null) {
      latency = new LatencyDigest();
    }
    latency.add(millis);
  }

  BucketStats stats(Granularity g) {
    LatencyDigest d = latency;
    return new BucketStats(Instant.ofEpochMilli(start), g, up, down, maintenance, checks, failed,
        d == null ? -1 : d.percentile(50), d == null ? -1 : d.percentile(95),
        d == null ? -1 : d.percentile(99));
  }
}
