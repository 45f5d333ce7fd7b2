package dev.obskit.errors.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
    Inflater inflater = new Inflater(raw);
    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body), 8192)
        : new InflaterInputStream(new ByteArrayInputStream(body), inflater, 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, Math.max(1024, body.length * 4)));
      byte[] buf = new byte[16 * 1024];
      int total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (EOFException e) {
      throw new IngestException(400, "truncated " + (gzip ? "gzip" : "deflate") + " body", e);
    } catch (ZipException e) {
      throw new IngestException(400, "corrupt " + (gzip ? "gzip" : "deflate") + " body: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IngestException(400, "unreadable body: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static IngestException tooLarge(int limit) {
    return new IngestException(413, "body exceeds the " + limit + "-byte limit after decompression");
  }
}
