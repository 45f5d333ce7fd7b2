package dev.obskit.errors.ingest;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a request body while counting: inflation stops as soon as the output would pass the
 * limit, so a gzip bomb costs at most {@code limit} bytes of memory and the time to produce them,
 * never its full expansion.
 */
final class BoundedDecompressor {
  private static final long MAX_HINT = 1L << 20;

  private BoundedDecompressor() {}

  /** Returns the decoded body; throws 413 over the limit, 400 when corrupt, 415 when unsupported. */
  static byte[] decode(byte[] body, String contentEncoding, int limit) throws IngestException {
    String enc = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    switch (enc) {
      case "": case "identity":
        if (body.length > limit) {
          throw tooLarge(limit);
        }
        return body;
      case "gzip": case "x-gzip":
        return inflate(body, limit, true, false);
      case "deflate":
        try {
          return inflate(body, limit, false, false);
        } catch (IngestException e) {
          if (e.status() != 400) {
            throw e;
          }
          // Some clients send raw DEFLATE without the zlib wrapper RFC 9110 asks for.
          return inflate(body, limit, false, true);
        }
      default:
        throw new IngestException(415, "unsupported Content-Encoding '" + enc
            + "'; use gzip, deflate or identity");
    }
  }

  /** Inflates a zlib stream (the legacy store endpoint's base64+zlib bodies). */
  static byte[] inflateZlib(byte[] body, int limit) throws IngestException {
    return inflate(body, limit, false, false);
  }

  private static byte[] inflate(byte[] body, int limit, boolean gzip, boolean raw) throws IngestException {
    // The gzip path lets GZIPInputStream own its Inflater; creating one here too would cost a
    // native zlib stream per request for nothing.
    Inflater inflater = gzip ? null : new Inflater(raw);
    int inputBuffer = Math.max(512, Math.min(8192, body.length));
    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body), inputBuffer)
        : new InflaterInputStream(new ByteArrayInputStream(body), inflater, inputBuffer)) {
      return readBounded(in, initialCapacity(body, limit, gzip), limit);
    } catch (EOFException e) {
      throw new IngestException(400, "truncated " + (gzip ? "gzip" : "deflate") + " body", e);
    } catch (ZipException e) {
      throw new IngestException(400, "corrupt " + (gzip ? "gzip" : "deflate") + " body: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IngestException(400, "unreadable body: " + e.getMessage(), e);
    } finally {
      if (inflater != null) {
        inflater.end();
      }
    }
  }

  /**
   * Reads {@code in} straight into one growing array (no copy buffer, no intermediate stream).
   * When the array is exactly full a one-byte read probes for the end, so an exact size hint costs
   * a single allocation and no trailing copy.
   */
  private static byte[] readBounded(InputStream in, int initial, int limit) throws IOException,
      IngestException {
    byte[] out = new byte[initial];
    int total = 0;
    while (true) {
      if (total == out.length) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        if (total + 1 > limit) {
          throw tooLarge(limit);
        }
        int grown = (int) Math.min((long) limit, Math.max(1024L, 2L * out.length));
        out = Arrays.copyOf(out, Math.max(grown, total + 1));
        out[total++] = (byte) b;
        continue;
      }
      int n = in.read(out, total, out.length - total);
      if (n <= 0) {
        break;
      }
      total += n;
      if (total > limit) {
        throw tooLarge(limit);
      }
    }
    return total == out.length ? out : Arrays.copyOf(out, total);
  }

  /**
   * A first guess at the decoded size: gzip's trailer states it (ISIZE, the size modulo 2^32 of
   * the last member); it is only a hint, bounded by the limit, the deflate ratio and {@link
   * #MAX_HINT}, so a lying trailer cannot make a tiny body allocate much; growth covers the rest.
   */
  private static int initialCapacity(byte[] body, int limit, boolean gzip) {
    long guess = Math.max(1024L, body.length * 4L);
    if (gzip && body.length >= 18) {
      int n = body.length;
      long isize = (body[n - 4] & 0xffL) | (body[n - 3] & 0xffL) << 8 | (body[n - 2] & 0xffL) << 16
          | (body[n - 1] & 0xffL) << 24;
      if (isize > 0) {
        // Deflate expands at most about 1032:1; a trailer claiming more is not believed.
        guess = Math.min(isize, Math.min(body.length * 1032L, MAX_HINT));
      }
    }
    return (int) Math.max(1L, Math.min(guess, (long) limit));
  }

  private static IngestException tooLarge(int limit) {
    return new IngestException(413, "body exceeds the " + limit + "-byte limit after decompression");
  }
}
