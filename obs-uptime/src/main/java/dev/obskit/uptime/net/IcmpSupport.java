package dev.obskit.uptime.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this JVM can send ICMP echo. OpenJDK's {@code InetAddress.isReachable} opens a raw ICMP
 * socket, which Linux allows only with {@code CAP_NET_RAW} (or root); without it the JDK silently
 * falls back to a TCP connect to port 7. We detect the capability from {@code /proc/self/status}
 * ({@code CapEff}, bit 13) so that ICMP mode either really pings or says why it cannot.
 *
 * @param available whether ICMP echo can be sent
 * @param reason how that was determined, for the check's failure cause and logs
 */
public record IcmpSupport(boolean available, String reason) {
  private static final int CAP_NET_RAW = 13;

  /** Detects support for the running JVM. Never throws. */
  public static IcmpSupport detect() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return new IcmpSupport(false, "cannot verify raw-socket privilege on this OS ("
          + System.getProperty("os.name") + "); use TCP_CONNECT ping");
    }
    try {
      List<String> lines = Files.readAllLines(status);
      for (String line : lines) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          boolean raw = (caps & (1L << CAP_NET_RAW)) != 0;
          return raw ? new IcmpSupport(true, "CAP_NET_RAW present")
              : new IcmpSupport(false, "ICMP ping needs CAP_NET_RAW or root and this JVM has"
                  + " neither (InetAddress.isReachable would silently probe TCP port 7 instead);"
                  + " use TCP_CONNECT ping");
        }
      }
      return new IcmpSupport(false, "no CapEff line in /proc/self/status; use TCP_CONNECT ping");
    } catch (IOException | NumberFormatException e) {
      return new IcmpSupport(false, "cannot read capabilities (" + e.getMessage()
          + "); use TCP_CONNECT ping");
    }
  }
}
