package dev.obskit.uptime.availability;

import java.time.Instant;

/**
 * A read-only view of one bucket. Immutable.
 *
 * @param start bucket start
 * @param granularity bucket size
 * @param upMillis up time
 * @param downMillis confirmed downtime
 * @param maintenanceMillis maintenance time
 * @param checks checks observed
 * @param failedChecks failed checks observed
 * @param p50Millis median response time (see {@link LatencyDigest} for precision), -1 if none
 * @param p95Millis 95th percentile, -1 if none
 * @param p99Millis 99th percentile, -1 if none
 */
public record BucketStats(Instant start, Granularity granularity, long upMillis,
    long downMillis, long maintenanceMillis, long checks, long failedChecks, long p50Millis,
    long p95Millis, long p99Millis) {

  /** Returns up / (up + down) in percent, or 100 when nothing was counted. */
  public double uptimePercent() {
    long counted = upMillis + downMillis;
    return counted == 0 ? 100.0 : 100.0 * upMillis / counted;
  }
}
