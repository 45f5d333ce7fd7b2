package dev.obskit.uptime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Self-signed certificates generated in the test with the JDK's own keytool (no extra
 * dependency): a valid one for localhost/127.0.0.1, one valid only for another name, and an
 * expired one.
 */
public final class TestCerts {
  public static final char[] PASSWORD = "changeit".toCharArray();

  private final KeyStore keyStore;

  private TestCerts(KeyStore keyStore) {
    this.keyStore = keyStore;
  }

  /**
   * Generates a certificate.
   *
   * @param startDate keytool start date, e.g. {@code "-400d"}, or null for now
   * @param validityDays days of validity from the start
   * @param san subject alternative names, e.g. {@code "dns:localhost,ip:127.0.0.1"}
   */
  public static TestCerts generate(Path dir, String startDate, int validityDays, String san)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = Files.createTempFile(dir, "cert", ".p12");
    Files.delete(store);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=obskit-test",
        "-ext", "SAN=" + san, "-validity", Integer.toString(validityDays),
        "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
    if (startDate != null) {
      cmd.add("-startdate");
      cmd.add(startDate);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    return new TestCerts(ks);
  }

  public X509Certificate certificate() throws GeneralSecurityException {
    return (X509Certificate) keyStore.getCertificate("server");
  }

  public SSLContext serverContext() throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A trust manager that trusts exactly this certificate. */
  public X509TrustManager trustManager() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }
}
