package dev.obskit.benchmarks.errors;

import java.io.IOException;

/** Builds the benchmark exceptions: a chain of three (two causes), thrown about 30 frames deep. */
final class SampleErrors {
  /** Recursion depth; with JMH's own frames below it the stacks are about 30 frames deep. */
  static final int DEPTH = 22;

  private SampleErrors() {}

  static RuntimeException chain(int n) {
    return descend(DEPTH, n);
  }

  private static RuntimeException descend(int depth, int n) {
    if (depth == 0) {
      IOException io = new IOException("connection reset by peer");
      IllegalStateException inner = new IllegalStateException("payment " + n + " declined", io);
      return new RuntimeException("Order " + n + " failed", inner);
    }
    return descend(depth - 1, n);
  }
}
