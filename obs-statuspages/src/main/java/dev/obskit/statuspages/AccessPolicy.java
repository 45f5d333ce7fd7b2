package dev.obskit.statuspages;

import dev.obskit.statuspages.access.Cidr;
import dev.obskit.statuspages.access.PasswordHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may see a page: everybody, those who know its password, those whose address is in its
 * allowlist, and/or those an {@code AccessGate} (single sign-on) lets in. Rules combine: every
 * configured rule must pass. Immutable.
 *
 * @param password the hashed password, empty for none
 * @param allowlist IPv4/IPv6 ranges; empty for no address restriction
 * @param ssoRequired whether an {@code AccessGate} must allow the visitor
 */
public record AccessPolicy(Optional<PasswordHash> password, List<Cidr> allowlist,
    boolean ssoRequired) {
  /** Copies the allowlist. */
  public AccessPolicy {
    Objects.requireNonNull(password, "password");
    allowlist = List.copyOf(Objects.requireNonNull(allowlist, "allowlist"));
  }

  /** Returns the public policy. */
  public static AccessPolicy open() {
    return new AccessPolicy(Optional.empty(), List.of(), false);
  }

  /** Returns whether the page is public. */
  public boolean isPublic() {
    return password.isEmpty() && allowlist.isEmpty() && !ssoRequired;
  }

  /** Returns a copy protected by {@code hash}. */
  public AccessPolicy withPassword(PasswordHash hash) {
    return new AccessPolicy(Optional.of(hash), allowlist, ssoRequired);
  }

  /** Returns a copy restricted to {@code ranges} (e.g. {@code "10.0.0.0/8"}, {@code "2001:db8::/32"}). */
  public AccessPolicy withAllowlist(String... ranges) {
    return new AccessPolicy(password, java.util.Arrays.stream(ranges).map(Cidr::parse).toList(),
        ssoRequired);
  }

  /** Returns a copy that requires single sign-on. */
  public AccessPolicy withSsoRequired(boolean required) {
    return new AccessPolicy(password, allowlist, required);
  }
}
