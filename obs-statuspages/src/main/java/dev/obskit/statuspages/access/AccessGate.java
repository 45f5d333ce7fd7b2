package dev.obskit.statuspages.access;

import dev.obskit.statuspages.StatusPageId;

/**
 * An extension point that decides who may see a page, consulted before the page's own password
 * and allowlist rules; the Spring Boot starter adds OIDC single sign-on through it. Register with
 * {@code StatusPagesConfig.Builder.addAccessGate}. Implementations must be thread-safe and answer
 * without blocking on slow I/O; one that throws is treated as {@link AccessDecision#deny}.
 */
@FunctionalInterface
public interface AccessGate {

  /**
   * Decides about {@code visitor} on {@code page}: allow (skips the password), deny, redirect
   * (e.g. to an identity provider) or abstain (let the page's own rules decide).
   */
  AccessDecision check(StatusPageId page, Visitor visitor);
}
