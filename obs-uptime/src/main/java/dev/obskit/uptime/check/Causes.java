package dev.obskit.uptime.check;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns exceptions from probes into one-line causes a human on call understands. Messages of the
 * underlying libraries are kept short and never include credentials (callers strip user info from
 * URLs before connecting).
 */
public final class Causes {
  /** How every cause of a failed name resolution starts. */
  public static final String DNS_FAILURE = "DNS resolution failed";

  private Causes() {}

  /** Describes {@code e} for a probe bounded by {@code timeout}. */
  public static String describe(Throwable e, Duration timeout) {
    Throwable cert = find(e, CertificateExpiredException.class);
    if (cert != null) {
      return "TLS certificate expired: " + message(cert);
    }
    if (find(e, CertificateNotYetValidException.class) != null) {
      return "TLS certificate not yet valid";
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return "TLS hostname verification failed: " + message(e);
    }
    if (e instanceof SSLException) {
      String m = message(e);
      if (m.contains("No subject alternative") || m.contains("No name matching")) {
        return "TLS certificate does not match the host: " + m;
      }
      if (m.contains("PKIX") || m.contains("certification path")) {
        return "TLS certificate not trusted (self-signed or unknown issuer)";
      }
      return "TLS handshake failed: " + m;
    }
    if (e instanceof UnknownHostException) {
      return DNS_FAILURE + ": unknown host " + message(e);
    }
    if (e instanceof ConnectException) {
      return "connection refused: " + message(e);
    }
    if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
      return "host unreachable: " + message(e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return "timed out after " + timeout.toMillis() + " ms";
    }
    if (message(e).toLowerCase(java.util.Locale.ROOT).startsWith("timed out")
        || find(e, java.util.concurrent.TimeoutException.class) != null) {
      return "timed out after " + timeout.toMillis() + " ms (" + message(e) + ")";
    }
    if (e.getCause() != null && e.getCause() != e
        && !(e instanceof java.io.IOException)) {
      return describe(e.getCause(), timeout);
    }
    return e.getClass().getSimpleName() + ": " + message(e);
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.strip();
  }

  private static Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
