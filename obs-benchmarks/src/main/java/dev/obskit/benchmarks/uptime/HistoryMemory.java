package dev.obskit.benchmarks.uptime;

import dev.obskit.core.id.MonitorId;
import dev.obskit.core.time.ManualClock;
import dev.obskit.uptime.availability.AvailabilityStore;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.state.Booking;
import dev.obskit.uptime.state.Segment;
import dev.obskit.uptime.history.FileHistoryStore;
import dev.obskit.uptime.history.MonitorRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Steady-state memory of availability history, which the minutes-long scale run cannot show:
 * fills an {@link AvailabilityStore} with {@code hours} of 30-second checks for {@code monitors}
 * monitors, then reports live heap per monitor after a full GC.
 *
 * <p>Modes: {@code each} simulates every monitor check by check on a ManualClock (exact, slow);
 * {@code clone} simulates one monitor check by check ({@link #template}) and restores its
 * exported history into every monitor, each restore decoding into the monitor's own arrays (what
 * a year of history for 10,000 monitors needs: simulating each would take hours).
 *
 * <p>With a fourth argument (a file path) the store is then saved with {@link FileHistoryStore}
 * and loaded back into a fresh store, and the file size and both durations are printed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.obskit.benchmarks.uptime.HistoryMemory
 * [monitors] [hours] [each|clone] [snapshotFile]}
 */
public final class HistoryMemory {
  private HistoryMemory() {}

  public static void main(String[] args) throws IOException {
    int monitors = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    boolean clone = args.length > 2 && args[2].equals("clone");
    Instant end = Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofHours(hours));
    ManualClock clock = ManualClock.startingAt(end.minus(Duration.ofHours(hours)).toString());
    byte[] template = clone ? template(end, hours) : null;
    long before = live();
    AvailabilityStore store = new AvailabilityStore(clone ? Clock.fixed(end, ZoneOffset.UTC)
        : clock);
    MonitorId[] ids = new MonitorId[monitors];
    for (int i = 0; i < monitors; i++) {
      ids[i] = MonitorId.of("m-" + i);
      if (clone) {
        store.restore(ids[i], template);
      }
    }
    if (!clone) {
      fill(store, clock, ids, hours);
    }
    long after = live();
    System.out.printf(Locale.ROOT, "RESULT monitors=%d hours=%d mode=%s bytesPerMonitor=%d"
            + " projected10kMb=%.0f%n", monitors, hours, clone ? "clone" : "each",
        (after - before) / monitors, (after - before) / (double) monitors * 10_000 / 1048576.0);
    Instant now = clone ? end : clock.instant();
    if (store.summary(ids[0], now.minus(Duration.ofHours(1)), now).upMillis() == 0) {
      throw new IllegalStateException("nothing recorded");
    }
    if (args.length > 3) {
      snapshot(store, ids, Path.of(args[3]), now);
    }
  }

  /** Saves and reloads the store through a {@link FileHistoryStore}, timing both. */
  private static void snapshot(AvailabilityStore store, MonitorId[] ids, Path file, Instant now)
      throws IOException {
    FileHistoryStore files = FileHistoryStore.of(file);
    long t0 = System.nanoTime();
    files.save(now, Arrays.stream(ids).map(id -> new MonitorRecord(id, Optional.empty(),
        store.export(id).orElseThrow())).iterator());
    long saved = System.nanoTime() - t0;
    AvailabilityStore back = new AvailabilityStore(Clock.fixed(now, ZoneOffset.UTC));
    long t1 = System.nanoTime();
    files.load(r -> back.restore(r.id(), r.availability()));
    long loaded = System.nanoTime() - t1;
    System.out.printf(Locale.ROOT, "RESULT snapshot monitors=%d fileMb=%.1f saveMs=%d"
            + " loadMs=%d%n", ids.length, Files.size(file) / 1048576.0, saved / 1_000_000,
        loaded / 1_000_000);
    if (!back.summary(ids[0], now.minus(Duration.ofHours(1)), now)
        .equals(store.summary(ids[0], now.minus(Duration.ofHours(1)), now))) {
      throw new IllegalStateException("reloaded history differs");
    }
    Files.delete(file);
  }

  /**
   * Simulates {@code hours} of 30-second up checks (response times cycling 5-54 ms) for one
   * monitor on a manual clock ending at {@code end}, and returns its exported history.
   */
  static byte[] template(Instant end, int hours) {
    ManualClock clock = ManualClock.startingAt(end.minus(Duration.ofHours(hours)).toString());
    AvailabilityStore store = new AvailabilityStore(clock);
    MonitorId id = MonitorId.of("template");
    fill(store, clock, new MonitorId[] {id}, hours);
    clock.setInstant(end);
    return store.export(id).orElseThrow();
  }

  private static void fill(AvailabilityStore store, ManualClock clock, MonitorId[] ids,
      int hours) {
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
  }

  private static long live() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
