package dev.obskit.uptime.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Checks a certificate's subject alternative names against a host name, per RFC 6125: DNS names
 * compare case-insensitively, a wildcard is allowed only as the whole left-most label and matches
 * exactly one label, IP addresses match only iPAddress entries. The subject CN is not consulted
 * (browsers stopped doing so in 2017).
 */
final class HostnameMatcher {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private HostnameMatcher() {}

  static boolean matches(X509Certificate cert, String host) {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (sans == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    boolean ip = isIpLiteral(h);
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
      if (ip && type == IP_ADDRESS && sameAddress(value, h)) {
        return true;
      }
      if (!ip && type == DNS_NAME && dnsMatches(value, h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      // both are literals, so no name lookup happens
      return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static boolean dnsMatches(String pattern, String host) {
    String p = strip(pattern);
    String h = strip(host);
    if (!p.startsWith("*.")) {
      return p.equals(h);
    }
    int dot = h.indexOf('.');
    return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
  }

  private static String strip(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean isIpLiteral(String h) {
    return h.contains(":") || h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }
}
