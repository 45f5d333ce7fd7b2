package dev.obskit.statuspages;

import dev.obskit.core.http.TrustedProxies;
import dev.obskit.statuspages.access.PasswordHash;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may see a page: everybody, those who know its password, those whose address is in its
 * allowlist (IPv4/IPv6 literals or CIDR ranges; the client address is the kit's, which believes
 * {@code X-Forwarded-For} only from {@code obs.http.trusted-proxies}), and/or those an {@code
 * AccessGate} (single sign-on) lets in. Every configured rule must pass. Immutable.
 *
 * @param password the hashed password, empty for none
 * @param allowlist IP literals and CIDR ranges; empty for no address restriction
 * @param ssoRequired whether an {@code AccessGate} must allow the visitor
 */
public record AccessPolicy(Optional<PasswordHash> password, List<String> allowlist,
    boolean ssoRequired) {
  /** Copies and validates the allowlist (never resolving names). */
  public AccessPolicy {
    Objects.requireNonNull(password, "password");
    allowlist = List.copyOf(Objects.requireNonNull(allowlist, "allowlist"));
    ranges(allowlist);
  }

  /** Returns the public policy. */
  public static AccessPolicy open() {
    return new AccessPolicy(Optional.empty(), List.of(), false);
  }

  /** Returns whether the page is public. */
  public boolean isPublic() {
    return password.isEmpty() && allowlist.isEmpty() && !ssoRequired;
  }

  /** Returns whether {@code client} may pass the allowlist (always, without one). */
  public boolean allows(InetAddress client) {
    return allowlist.isEmpty() || ranges(allowlist).isTrusted(client);
  }

  /** Returns a copy protected by {@code hash}. */
  public AccessPolicy withPassword(PasswordHash hash) {
    return new AccessPolicy(Optional.of(hash), allowlist, ssoRequired);
  }

  /** Returns a copy restricted to {@code ranges} (e.g. {@code "10.0.0.0/8"}, {@code "2001:db8::/32"}). */
  public AccessPolicy withAllowlist(String... ranges) {
    return new AccessPolicy(password, List.of(ranges), ssoRequired);
  }

  /** Returns a copy that requires single sign-on. */
  public AccessPolicy withSsoRequired(boolean required) {
    return new AccessPolicy(password, allowlist, required);
  }

  private static TrustedProxies ranges(List<String> list) {
    try {
      return TrustedProxies.of(list);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("IP allowlist: " + e.getMessage().replace(
          "trusted proxy", "entry"), e);
    }
  }
}
