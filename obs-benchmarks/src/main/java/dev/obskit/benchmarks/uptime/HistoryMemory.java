package dev.obskit.benchmarks.uptime;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Steady-state memory of availability history, which the minutes-long scale run cannot show:
 * fills an {@link AvailabilityStore} with {@code hours} of 30-second checks for {@code monitors}
 * monitors on a ManualClock, then reports live heap per monitor after a full GC.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.obskit.benchmarks.uptime.HistoryMemory
 * [monitors] [hours]}
 */
public final class HistoryMemory {
  private HistoryMemory() {}

  public static void main(String[] args) {
    int monitors = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
    long before = live();
    AvailabilityStore store = new AvailabilityStore(clock);
    MonitorId[] ids = new MonitorId[monitors];
    for (int i = 0; i < monitors; i++) {
      ids[i] = MonitorId.of("m-" + i);
    }
    Instant t = clock.instant();
    for (int step = 0; step < hours * 120; step++) {
      Instant next = t.plusSeconds(30);
      for (MonitorId id : ids) {
        store.recordCheck(id, CheckResult.up(t, Timings.total(1_000_000L * (5 + step % 50))));
        store.book(id, new Segment(t, next, Booking.UP));
      }
      t = next;
      clock.setInstant(t);
    }
    long after = live();
    System.out.printf(Locale.ROOT, "RESULT monitors=%d hours=%d bytesPerMonitor=%d"
            + " projected10kMb=%.0f%n", monitors, hours, (after - before) / monitors,
        (after - before) / (double) monitors * 10_000 / 1048576.0);
    if (store.summary(ids[0], clock.instant().minus(Duration.ofHours(1)), clock.instant())
        .upMillis() == 0) {
      throw new IllegalStateException("nothing recorded");
    }
  }

  private static long live() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
