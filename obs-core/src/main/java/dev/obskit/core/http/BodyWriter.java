package dev.obskit.core.http;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a streamed response body. */
@FunctionalInterface
public interface BodyWriter {
  /** Writes the body to {@code out}; must not close it. */
  void writeTo(OutputStream out) throws IOException;
}
