package dev.obskit.uptime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Tells "the target's name does not resolve" from "this host cannot resolve anything": resolves a
 * name that always resolves on a healthy host. The answer is cached for {@link #CACHE_NANOS}, so
 * a burst of failing checks costs one lookup. Blocks the calling probe thread for at most the
 * host resolver's own timeout. Thread-safe.
 */
final class ResolverCanary {
  static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String name;
  private volatile long checkedAt;
  private volatile boolean resolves = true;
  private volatile boolean checked;

  ResolverCanary(String name) {
    this.name = name;
  }

  boolean resolves() {
    long now = System.nanoTime();
    if (checked && now - checkedAt < CACHE_NANOS) {
      return resolves;
    }
    boolean ok;
    try {
      ok = InetAddress.getAllByName(name).length > 0;
    } catch (UnknownHostException | SecurityException e) {
      ok = false;
    }
    resolves = ok;
    checkedAt = now;
    checked = true;
    return ok;
  }
}
