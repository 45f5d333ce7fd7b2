package dev.obskit.uptime.check;

import java.util.concurrent.CompletableFuture;

/**
 * Probes one kind of target. One small implementation per {@link MonitorKind}; the module picks
 * the checker by {@link #kind()}, and a host may replace one (e.g. a Playwright checker) through
 * {@code UptimeModule.Builder#addChecker}.
 *
 * <p>Contract: {@link #check} never blocks the caller beyond handing the probe to a pool, and the
 * returned future always completes normally, within the monitor's timeout plus a small margin,
 * with a DOWN result naming the cause when anything goes wrong. Implementations are thread-safe.
 */
public interface Checker {

  /** Returns the kind of monitor this checker probes. */
  MonitorKind kind();

  /** Returns a short name for logs, e.g. {@code "okhttp"}. */
  String getName();

  /** Starts one probe of {@code monitor}, whose spec is of {@link #kind()}. */
  CompletableFuture<CheckResult> check(Monitor monitor);
}
