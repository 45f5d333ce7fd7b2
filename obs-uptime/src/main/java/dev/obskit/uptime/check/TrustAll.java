package dev.obskit.uptime.check;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust manager behind {@code verifyTls = false}: accepts any chain so a monitor can still
 * check availability (and read the expiry date) of an endpoint with a self-signed certificate.
 * Used only when a monitor explicitly opts out of verification.
 */
public final class TrustAll {
  /** A trust manager that accepts every chain. */
  public static final X509TrustManager TRUST_MANAGER = new X509TrustManager() {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // intentionally accepts: verification was disabled by the monitor's owner
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // intentionally accepts: verification was disabled by the monitor's owner
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  };

  private TrustAll() {}

  /** Returns a socket factory that trusts every certificate. */
  public static SSLSocketFactory socketFactory() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new X509TrustManager[] {TRUST_MANAGER}, new SecureRandom());
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context", e);
    }
  }
}
