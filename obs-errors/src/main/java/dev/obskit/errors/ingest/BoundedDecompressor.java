package dev.obskit.errors.ingest;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a request body while counting: inflation stops as soon as the output would pass the
 * limit, so a gzip bomb costs at most {@code limit} bytes of memory and the time to produce them,
 * never its full expansion. Thread-safe: each thread inflates with its own reused inflaters.
 */
final class BoundedDecompressor {
  private static final long MAX_HINT = 1L << 20;
  // One inflater of each kind per thread, reset before each use: creating one per request costs
  // a native zlib stream (about 40 KB once its window is allocated), its cleaner registration
  // and its release. Bounded by the number of threads that ingest; each is freed by Inflater's
  // cleaner when its thread ends.
  private static final ThreadLocal<Inflater> RAW = ThreadLocal.withInitial(() -> new Inflater(true));
  private static final ThreadLocal<Inflater> ZLIB = ThreadLocal.withInitial(() -> new Inflater(false));
  private static final ThreadLocal<byte[]> PROBE = ThreadLocal.withInitial(() -> new byte[1]);

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
    if (gzip) {
      return gunzip(body, limit);
    }
    // The per-thread inflater is lent to the stream, which therefore leaves it open on close.
    Inflater inflater = raw ? RAW.get() : ZLIB.get();
    inflater.reset();
    int inputBuffer = Math.max(512, Math.min(8192, body.length));
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body), inflater, inputBuffer)) {
      return readBounded(in, initialCapacity(body, limit, false), limit);
    } catch (EOFException e) {
      throw new IngestException(400, "truncated deflate body", e);
    } catch (ZipException e) {
      throw new IngestException(400, "corrupt deflate body: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IngestException(400, "unreadable body: " + e.getMessage(), e);
    } finally {
      inflater.reset();
    }
  }

  /**
   * Decodes gzip (RFC 1952) the way {@link java.util.zip.GZIPInputStream} does, including
   * concatenated members, header CRCs, the CRC-32/ISIZE trailer check, and ignoring trailing
   * bytes that do not start another member; but on the caller's reused raw {@link Inflater},
   * straight from the body array into one output array, with no stream, buffer or native zlib
   * state created per request. The limit is enforced as bytes come out: the output never grows
   * past {@code limit}, and one more byte of output is a 413.
   */
  static byte[] gunzip(byte[] body, int limit) throws IngestException {
    Inflater inflater = RAW.get();
    try {
      return gunzip(body, limit, inflater);
    } finally {
      // Drops the inflater's reference to this body, which would otherwise live until the
      // thread's next request.
      inflater.reset();
    }
  }

  private static byte[] gunzip(byte[] body, int limit, Inflater inflater) throws IngestException {
    CRC32 crc = new CRC32();
    byte[] out = new byte[initialCapacity(body, limit, true)];
    int total = 0;
    int pos = header(body, 0, true);
    while (true) {
      inflater.reset();
      inflater.setInput(body, pos, body.length - pos);
      crc.reset();
      int memberStart = total;
      while (true) {
        if (total == out.length) {
          // Full: a one-byte probe tells "finished exactly here" from "more to come" without
          // growing (an exact ISIZE hint then costs no copy) and enforces the limit.
          int b = inflateSome(inflater, PROBE.get(), 0, 1);
          if (b == 0) {
            break;
          }
          if (total + 1 > limit) {
            throw tooLarge(limit);
          }
          int grown = (int) Math.min((long) limit, Math.max(1024L, 2L * out.length));
          out = Arrays.copyOf(out, Math.max(grown, total + 1));
          out[total] = PROBE.get()[0];
          crc.update(out, total, 1);
          total++;
          continue;
        }
        int n = inflateSome(inflater, out, total, out.length - total);
        if (n == 0) {
          break;
        }
        crc.update(out, total, n);
        total += n;
      }
      pos = body.length - inflater.getRemaining();
      if (body.length - pos < 8) {
        throw new IngestException(400, "truncated gzip body");
      }
      if (readInt(body, pos) != (int) crc.getValue() || readInt(body, pos + 4) != total - memberStart) {
        throw new IngestException(400, "corrupt gzip body: Corrupt GZIP trailer");
      }
      pos += 8;
      // GZIPInputStream holding the whole body looks for another member only when more than 18
      // bytes follow (26 left in its buffer, trailer included); fewer cannot hold one anyway.
      if (body.length - pos <= 18) {
        break;
      }
      int next = header(body, pos, false);
      if (next < 0) {
        break; // trailing bytes that are not another member are ignored, as GZIPInputStream does
      }
      pos = next;
    }
    return total == out.length ? out : Arrays.copyOf(out, total);
  }

  /**
   * Inflates into {@code out}; returns 0 only when the member's deflate stream is finished.
   * Throws 400 when the input ends first or the data is corrupt.
   */
  private static int inflateSome(Inflater inflater, byte[] out, int off, int len) throws IngestException {
    while (true) {
      int n;
      try {
        n = inflater.inflate(out, off, len);
      } catch (DataFormatException e) {
        throw new IngestException(400, "corrupt gzip body: " + e.getMessage(), e);
      }
      if (n > 0 || inflater.finished()) {
        return n;
      }
      if (inflater.needsInput() || inflater.needsDictionary()) {
        throw new IngestException(400, "truncated gzip body");
      }
    }
  }

  /**
   * Parses a member header at {@code pos}; returns where its deflate data starts. For the first
   * member a bad header is a 400; for a later one, -1 (the caller stops there).
   */
  private static int header(byte[] b, int pos, boolean first) throws IngestException {
    int n = b.length;
    if (n - pos < 10) {
      return bad(first, "truncated gzip body");
    }
    if ((b[pos] & 0xff) != 0x1f || (b[pos + 1] & 0xff) != 0x8b) {
      return bad(first, "corrupt gzip body: Not in GZIP format");
    }
    if (b[pos + 2] != 8) {
      return bad(first, "corrupt gzip body: Unsupported compression method");
    }
    int flags = b[pos + 3] & 0xff;
    int p = pos + 10;
    if ((flags & 4) != 0) { // FEXTRA
      if (n - p < 2) {
        return bad(first, "truncated gzip body");
      }
      p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
    }
    for (int flag : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
      if ((flags & flag) != 0) {
        while (p < n && b[p] != 0) {
          p++;
        }
        p++;
      }
    }
    if ((flags & 2) != 0) { // FHCRC: the low 16 bits of the header's CRC-32
      if (p + 2 > n) {
        return bad(first, "truncated gzip body");
      }
      CRC32 crc = new CRC32();
      crc.update(b, pos, p - pos);
      if (((b[p] & 0xff) | (b[p + 1] & 0xff) << 8) != (int) (crc.getValue() & 0xffff)) {
        return bad(first, "corrupt gzip body: Corrupt GZIP header");
      }
      p += 2;
    }
    if (p > n) {
      return bad(first, "truncated gzip body");
    }
    return p;
  }

  private static int bad(boolean first, String message) throws IngestException {
    if (first) {
      throw new IngestException(400, message);
    }
    return -1;
  }

  private static int readInt(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
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
