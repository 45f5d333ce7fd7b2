package dev.obskit.statuspages.access;

import java.util.List;

/**
 * Finds the client's address: the socket peer, unless the peer is a configured trusted proxy, in
 * which case {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the
 * first address that is not one is the client. Without trusted proxies the header is ignored, so
 * it cannot be spoofed. Thread-safe (stateless).
 */
public final class ClientAddress {
  private ClientAddress() {}

  /**
   * Returns the client address.
   *
   * @param peer the socket peer's IP literal
   * @param forwardedFor the {@code X-Forwarded-For} values (comma-separated lists), possibly empty
   * @param trustedProxies ranges of proxies whose header is believed
   */
  public static String resolve(String peer, List<String> forwardedFor, List<Cidr> trustedProxies) {
    if (!trusted(peer, trustedProxies) || forwardedFor.isEmpty()) {
      return peer;
    }
    List<String> hops = forwardedFor.stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (hops.size() > 64) {
      return peer;
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (Cidr.literal(hop).isEmpty()) {
        return client;
      }
      client = hop;
      if (!trusted(hop, trustedProxies)) {
        return hop;
      }
    }
    return client;
  }

  private static boolean trusted(String address, List<Cidr> proxies) {
    for (Cidr c : proxies) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
