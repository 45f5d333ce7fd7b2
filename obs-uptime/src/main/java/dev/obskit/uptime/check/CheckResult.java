package dev.obskit.uptime.check;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one probe. Immutable.
 *
 * @param status UP, DOWN, or UNKNOWN (the check could not run: see {@link #skipCause()})
 * @param startedAt when the probe started (from the module's clock)
 * @param timings where the time went
 * @param failureCause empty when UP; otherwise a one-line, human-readable cause that never
 *     contains credentials (URLs are reported without user info)
 * @param statusCode the HTTP status, or 0 when not applicable
 * @param certificateNotAfter the leaf certificate's expiry, when a TLS handshake was seen
 * @param domainExpiresAt the domain's registry expiry, for WHOIS checks
 * @param details extra facts (resolved answers, banner, ping mode, ...)
 */
public record CheckResult(CheckStatus status, Instant startedAt, Timings timings,
    String failureCause, int statusCode, Optional<Instant> certificateNotAfter,
    Optional<Instant> domainExpiresAt, Map<String, String> details) {
  /** Longest failure cause kept. */
  public static final int MAX_CAUSE_LENGTH = 500;
  /** Detail key holding the {@link SkipCause} of an UNKNOWN result. */
  public static final String SKIP_CAUSE = "skipCause";

  /** Validates and copies the components. */
  public CheckResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(failureCause, "failureCause");
    if (failureCause.length() > MAX_CAUSE_LENGTH) {
      failureCause = failureCause.substring(0, MAX_CAUSE_LENGTH - 3) + "...";
    }
    if (status != CheckStatus.UP && failureCause.isBlank()) {
      failureCause = "check failed without a cause";
    }
    Objects.requireNonNull(certificateNotAfter, "certificateNotAfter");
    Objects.requireNonNull(domainExpiresAt, "domainExpiresAt");
    details = Map.copyOf(Objects.requireNonNull(details, "details"));
  }

  /** Returns an UP result. */
  public static CheckResult up(Instant startedAt, Timings timings) {
    return new CheckResult(CheckStatus.UP, startedAt, timings, "", 0, Optional.empty(),
        Optional.empty(), Map.of());
  }

  /** Returns a DOWN result with {@code cause}. */
  public static CheckResult down(Instant startedAt, Timings timings, String cause) {
    return new CheckResult(CheckStatus.DOWN, startedAt, timings, cause, 0, Optional.empty(),
        Optional.empty(), Map.of());
  }

  /**
   * Returns an UNKNOWN result: the check could not run because of {@code cause} on ObsKit's
   * side. The cause is kept in {@link #details()} under {@value #SKIP_CAUSE}.
   */
  public static CheckResult unknown(Instant startedAt, SkipCause cause, String detail) {
    Objects.requireNonNull(cause, "cause");
    String text = detail.isBlank() ? cause.description() : cause.description() + ": " + detail;
    return new CheckResult(CheckStatus.UNKNOWN, startedAt, Timings.total(0), text, 0,
        Optional.empty(), Optional.empty(), Map.of(SKIP_CAUSE, cause.name()));
  }

  /** Returns why the check could not run, for an UNKNOWN result. */
  public Optional<SkipCause> skipCause() {
    if (status != CheckStatus.UNKNOWN) {
      return Optional.empty();
    }
    String name = details.get(SKIP_CAUSE);
    for (SkipCause c : SkipCause.values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.of(SkipCause.EXECUTOR_REJECTED);
  }

  /** Returns whether the check could not run (UNKNOWN). */
  public boolean isUnknown() {
    return status == CheckStatus.UNKNOWN;
  }

  /** Returns whether the probe succeeded. */
  public boolean isUp() {
    return status == CheckStatus.UP;
  }

  /** Returns a copy with the HTTP status code. */
  public CheckResult withStatusCode(int code) {
    return new CheckResult(status, startedAt, timings, failureCause, code, certificateNotAfter,
        domainExpiresAt, details);
  }

  /** Returns a copy with the certificate expiry. */
  public CheckResult withCertificateNotAfter(Instant notAfter) {
    return new CheckResult(status, startedAt, timings, failureCause, statusCode,
        Optional.ofNullable(notAfter), domainExpiresAt, details);
  }

  /** Returns a copy with the domain expiry. */
  public CheckResult withDomainExpiresAt(Instant expiresAt) {
    return new CheckResult(status, startedAt, timings, failureCause, statusCode,
        certificateNotAfter, Optional.ofNullable(expiresAt), details);
  }

  /** Returns a copy with {@code more} details added. */
  public CheckResult withDetails(Map<String, String> more) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(details);
    all.putAll(more);
    return new CheckResult(status, startedAt, timings, failureCause, statusCode,
        certificateNotAfter, domainExpiresAt, all);
  }
}
