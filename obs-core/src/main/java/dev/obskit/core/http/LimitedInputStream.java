package dev.obskit.core.http;

import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code limit} bytes through; one more throws {@link PayloadTooLargeException}. */
final class LimitedInputStream extends InputStream {
  private final InputStream in;
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    // Ask for one byte past the limit so a body of exactly `limit` bytes passes and one more fails.
    long allowed = limit - count + 1;
    int n = in.read(b, off, (int) Math.min(len, Math.max(1, allowed)));
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
