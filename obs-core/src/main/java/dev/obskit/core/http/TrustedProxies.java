package dev.obskit.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The proxies whose {@code X-Forwarded-For} header is believed, as IP literals or CIDR ranges
 * ({@code 10.0.0.0/8}, {@code ::1}). With none (the default) the header is ignored and the client
 * is the connection's peer. Never resolves host names. Immutable and thread-safe.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());
  private final List<byte[]> networks;
  private final List<Integer> prefixes;

  private TrustedProxies(List<String> cidrs) {
    this.networks = new ArrayList<>();
    this.prefixes = new ArrayList<>();
    for (String cidr : cidrs) {
      String c = Objects.requireNonNull(cidr, "cidr").trim();
      int slash = c.indexOf('/');
      byte[] addr = parseLiteral(slash < 0 ? c : c.substring(0, slash));
      if (addr == null) {
        throw new IllegalArgumentException("trusted proxy must be an IP literal or CIDR, got '" + c + "'");
      }
      int prefix = addr.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(c.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > addr.length * 8) {
          throw new IllegalArgumentException("bad prefix length in trusted proxy '" + c + "'");
        }
      }
      networks.add(addr);
      prefixes.add(prefix);
    }
  }

  /** No trusted proxy: {@code X-Forwarded-For} is ignored. */
  public static TrustedProxies none() {
    return NONE;
  }

  /** Trusts the listed IP literals and CIDR ranges; throws naming a malformed entry. */
  public static TrustedProxies of(List<String> cidrs) {
    return cidrs.isEmpty() ? NONE : new TrustedProxies(List.copyOf(cidrs));
  }

  /** Returns whether {@code address} is a trusted proxy. */
  public boolean isTrusted(InetAddress address) {
    byte[] a = address.getAddress();
    for (int i = 0; i < networks.size(); i++) {
      if (matches(networks.get(i), prefixes.get(i), a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the client address: {@code peer} unless it is trusted, otherwise the right-most
   * address in the {@code X-Forwarded-For} values that is not trusted (a malformed entry stops
   * the walk at the last trusted hop).
   */
  public InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
    if (networks.isEmpty() || !isTrusted(peer) || forwardedFor.isEmpty()) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      byte[] raw = parseLiteral(hops.get(i));
      if (raw == null) {
        return client;
      }
      client = toAddress(raw);
      if (!isTrusted(client)) {
        return client;
      }
    }
    return client;
  }

  private static boolean matches(byte[] net, int prefix, byte[] a) {
    if (net.length != a.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (net[i] != a[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (a[full] & mask);
  }

  /** Parses an IPv4 or IPv6 literal without any name lookup; null when it is not one. */
  static byte[] parseLiteral(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    boolean v6 = t.indexOf(':') >= 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':'
          || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return null;
      }
    }
    if (!v6 && t.chars().filter(c -> c == '.').count() != 3) {
      return null;
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  private static InetAddress toAddress(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "TrustedProxies" + prefixes.size();
  }
}
