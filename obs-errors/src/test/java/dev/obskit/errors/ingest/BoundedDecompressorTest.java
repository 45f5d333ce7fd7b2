package dev.obskit.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-rolled gzip decoder against the JDK's {@link GZIPInputStream} as the oracle: on valid,
 * multi-member, header-flagged, trailing-garbage, truncated and mutated input both must agree
 * (same bytes, or both refuse); ours refuses with a 400, never anything else, and stops at the
 * limit with a 413.
 */
class BoundedDecompressorTest {
  private static final int LIMIT = 64 * 1024;

  /**
   * What GZIPInputStream makes of {@code body}, or null when it refuses it. Its buffer holds the
   * whole body, as the handler's did: whether it looks for another member after a trailer
   * depends on what is left in that buffer.
   */
  private static byte[] oracle(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body),
        Math.max(512, body.length))) {
      return in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private static void assertAgreesWithJdk(byte[] body) {
    byte[] expected = oracle(body);
    byte[] actual;
    try {
      actual = BoundedDecompressor.gunzip(body, LIMIT);
    } catch (IngestException e) {
      if (expected != null && expected.length > LIMIT) {
        assertThat(e.status()).isEqualTo(413);
        return;
      }
      assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
      assertThat(expected).as("the JDK accepted what we refused: " + e.getMessage()).isNull();
      return;
    }
    assertThat(expected).as("the JDK refused what we accepted").isNotNull();
    assertThat(actual).isEqualTo(expected);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A member with FEXTRA, FNAME, FCOMMENT and FHCRC set, built by hand after RFC 1952. */
  static byte[] flaggedMember(byte[] data) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, (byte) 255});
    h.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
    h.writeBytes("name.txt\0".getBytes(StandardCharsets.ISO_8859_1));
    h.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
    CRC32 headerCrc = new CRC32();
    headerCrc.update(h.toByteArray());
    int c = (int) headerCrc.getValue();
    h.writeBytes(new byte[] {(byte) c, (byte) (c >> 8)});
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(deflated, new Deflater(6, true))) {
      d.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    h.writeBytes(deflated.toByteArray());
    CRC32 crc = new CRC32();
    crc.update(data);
    h.writeBytes(le((int) crc.getValue()));
    h.writeBytes(le(data.length));
    return h.toByteArray();
  }

  private static byte[] le(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Example
  void gunzip_singleMember_returnsTheOriginalBytes() throws Exception {
    byte[] data = text("{\"event_id\":\"x\"}\n".repeat(500));
    assertThat(BoundedDecompressor.gunzip(gzip(data), LIMIT)).isEqualTo(data);
  }

  @Example
  void gunzip_concatenatedAndFlaggedMembers_decodedLikeTheJdk() {
    byte[] body = concat(gzip(text("first ")), flaggedMember(text("second ")), gzip(new byte[0]),
        gzip(text("third")));
    assertAgreesWithJdk(body);
    assertThat(oracle(body)).isEqualTo(text("first second third"));
  }

  @Example
  void gunzip_trailingGarbage_ignoredLikeTheJdk() {
    assertAgreesWithJdk(concat(gzip(text("payload")), text("garbage that is not a gzip member")));
    assertAgreesWithJdk(concat(gzip(text("payload")), new byte[] {0x1f, (byte) 0x8b, 8}));
  }

  @Example
  void gunzip_wrongCrcOrSizeOrHeaderCrc_400() {
    byte[] good = gzip(text("payload"));
    for (int back : new int[] {8, 4}) {
      byte[] bad = good.clone();
      bad[bad.length - back] ^= 1;
      assertAgreesWithJdk(bad);
      assertThatThrownBy(() -> BoundedDecompressor.gunzip(bad, LIMIT))
          .hasMessageContaining("Corrupt GZIP trailer");
    }
    byte[] flagged = flaggedMember(text("x"));
    flagged[30] ^= 1; // inside the header's comment, so the header CRC no longer matches
    assertAgreesWithJdk(flagged);
  }

  @Example
  void gunzip_everyTruncation_refusedLikeTheJdk() {
    byte[] good = concat(gzip(text("some event text ".repeat(40))), flaggedMember(text("tail")));
    for (int n = 0; n < good.length; n++) {
      assertAgreesWithJdk(Arrays.copyOf(good, n));
    }
  }

  @Example
  void gunzip_overLimit_413WithoutInflatingEverything() throws Exception {
    byte[] bomb = gzip(new byte[8 * LIMIT]);
    assertThatThrownBy(() -> BoundedDecompressor.gunzip(bomb, LIMIT))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(413));
    byte[] exact = new byte[LIMIT];
    Arrays.fill(exact, (byte) 'a');
    assertThat(BoundedDecompressor.gunzip(gzip(exact), LIMIT)).isEqualTo(exact);
  }

  @Example
  void gunzip_lyingSizeTrailerHint_stillDecodesExactly() throws Exception {
    byte[] data = text("abc".repeat(1000));
    byte[] body = gzip(data);
    // Only the hint is wrong here, so both decoders must refuse the trailer, not mis-size.
    byte[] lying = body.clone();
    lying[lying.length - 1] = 0x7f;
    assertAgreesWithJdk(lying);
    assertThat(BoundedDecompressor.gunzip(body, LIMIT)).isEqualTo(data);
  }

  @Property(tries = 500)
  void gunzip_mutatedStreams_agreeWithTheJdk(@ForAll("payloads") byte[] data,
      @ForAll("edits") List<int[]> edits, @ForAll boolean flagged) {
    byte[] body = flagged ? flaggedMember(data) : gzip(data);
    for (int[] edit : edits) {
      body = apply(body, edit);
    }
    assertAgreesWithJdk(body);
  }

  @Property(tries = 300)
  void gunzip_randomBytes_agreeWithTheJdk(@ForAll byte[] body) {
    assertAgreesWithJdk(body);
  }

  private static byte[] apply(byte[] body, int[] edit) {
    if (body.length == 0) {
      return body;
    }
    int pos = Math.floorMod(edit[1], body.length);
    switch (edit[0]) {
      case 0: {
        byte[] copy = body.clone();
        copy[pos] ^= (byte) edit[2];
        return copy;
      }
      case 1:
        return Arrays.copyOf(body, pos);
      default:
        return concat(body, Arrays.copyOf(body, pos));
    }
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
        Arbitraries.strings().ofMaxLength(4000).map(s -> s.repeat(3).getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<List<int[]>> edits() {
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 20_000), Arbitraries.integers().between(1, 255))
        .as((k, p, x) -> new int[] {k, p, x});
    return edit.list().ofMaxSize(3);
  }
}
