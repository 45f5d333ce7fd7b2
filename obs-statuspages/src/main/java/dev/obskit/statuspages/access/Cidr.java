package dev.obskit.statuspages.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a
 * single address). Parsing never resolves host names. Immutable.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the value when it is not an IP literal with an
   *     optional prefix length in range
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = literal(addr).orElseThrow(() ->
        new IllegalArgumentException("not an IP range: '" + text + "'"));
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in IP range '" + text + "'", e);
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("prefix length must be 0 to " + max + " in '" + text
            + "'");
      }
    }
    return new Cidr(mask(bytes, prefix), prefix, t);
  }

  /** Returns whether {@code address} (an IP literal) is in the range; false for anything else. */
  public boolean contains(String address) {
    return address != null && literal(address).map(this::contains).orElse(false);
  }

  boolean contains(byte[] address) {
    byte[] a = address;
    if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
      a = java.util.Arrays.copyOfRange(a, 12, 16);
    }
    return a.length == network.length && java.util.Arrays.equals(mask(a, prefix), network);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Parses an IP literal without DNS; empty when {@code s} is not one. */
  static java.util.Optional<byte[]> literal(String s) {
    String v = s.trim();
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    boolean v4 = v.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = v.indexOf(':') >= 0 && v.matches("[0-9A-Fa-f:.]{2,45}");
    if (!v4 && !v6) {
      return java.util.Optional.empty();
    }
    if (v4) {
      for (String part : v.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return java.util.Optional.empty();
        }
      }
    }
    try {
      return java.util.Optional.of(InetAddress.getByName(v).getAddress());
    } catch (UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static byte[] mask(byte[] a, int prefix) {
    byte[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - bits)));
    }
    return out;
  }
}
