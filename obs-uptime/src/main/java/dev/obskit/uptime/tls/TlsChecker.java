package dev.obskit.uptime.tls;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import dev.obskit.uptime.check.TlsSpec;
import dev.obskit.uptime.check.TrustAll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS certificate checks. The handshake itself accepts any chain so the checker can always read
 * the certificate; it then judges, against the module's clock (so tests can move time):
 * expired or not yet valid, untrusted (when {@link TlsSpec#verifyTrust()}), and not valid for
 * {@link TlsSpec#serverName()}. An UP result still carries the expiry date, from which the module
 * raises WARNING alerts at the monitor's thresholds. Thread-safe.
 */
public final class TlsChecker extends BlockingChecker {
  private final Clock clock;
  private final X509TrustManager trust;

  /** Creates a checker trusting the JDK's default trust store. */
  public TlsChecker(Clock clock, Executor executor) {
    this(clock, executor, defaultTrust());
  }

  /** Creates a checker trusting {@code trust} (e.g. a private CA). */
  public TlsChecker(Clock clock, Executor executor, X509TrustManager trust) {
    super(clock, executor);
    this.clock = clock;
    this.trust = trust;
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.TLS;
  }

  @Override
  public String getName() {
    return "tls-certificate";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    TlsSpec spec = (TlsSpec) monitor.spec();
    int timeout = (int) monitor.timeout().toMillis();
    Certificate[] chain;
    long connect;
    long tls;
    try (SSLSocket socket = (SSLSocket) TrustAll.socketFactory().createSocket()) {
      socket.setSoTimeout(timeout);
      long t0 = System.nanoTime();
      socket.connect(new InetSocketAddress(spec.host(), spec.port()), timeout);
      connect = System.nanoTime() - t0;
      SSLParameters params = socket.getSSLParameters();
      if (!Character.isDigit(spec.serverName().charAt(0)) && !spec.serverName().contains(":")) {
        params.setServerNames(List.of(new SNIHostName(spec.serverName())));
      }
      socket.setSSLParameters(params);
      long t1 = System.nanoTime();
      socket.startHandshake();
      tls = System.nanoTime() - t1;
      chain = socket.getSession().getPeerCertificates();
    }
    Timings timings = new Timings(Timings.NOT_MEASURED, connect, tls, Timings.NOT_MEASURED,
        System.nanoTime() - startNanos);
    return judge(spec, chain, startedAt, timings);
  }

  private CheckResult judge(TlsSpec spec, Certificate[] chain, Instant startedAt,
      Timings timings) {
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return CheckResult.down(startedAt, timings, "server sent no X.509 certificate");
    }
    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant now = clock.instant();
    Map<String, String> details = Map.of("notAfter", notAfter.toString(),
        "subject", leaf.getSubjectX500Principal().getName());
    String failure = "";
    if (now.isAfter(notAfter)) {
      failure = "TLS certificate expired at " + notAfter + " ("
          + Duration.between(notAfter, now).toDays() + " days ago)";
    } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
      failure = "TLS certificate not valid before " + leaf.getNotBefore().toInstant();
    } else if (spec.verifyTrust() && !trusted(chain)) {
      failure = "TLS certificate not trusted (self-signed or unknown issuer)";
    } else if (!HostnameMatcher.matches(leaf, spec.serverName())) {
      failure = "TLS certificate is not valid for host " + spec.serverName();
    }
    CheckResult r = failure.isEmpty() ? CheckResult.up(startedAt, timings)
        : CheckResult.down(startedAt, timings, failure);
    return r.withCertificateNotAfter(notAfter).withDetails(details);
  }

  private boolean trusted(Certificate[] chain) {
    X509Certificate[] x509 = new X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) {
      if (!(chain[i] instanceof X509Certificate c)) {
        return false;
      }
      x509[i] = c;
    }
    try {
      trust.checkServerTrusted(x509, "UNKNOWN");
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  /** Returns the JDK's default trust manager. */
  /** Returns the JDK's default trust manager. */
  public static X509TrustManager defaultTrust() {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JDK offers no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the JDK's default trust store", e);
    }
  }
}
