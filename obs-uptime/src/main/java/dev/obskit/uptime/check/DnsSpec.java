package dev.obskit.uptime.check;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Query {@code server:serverPort} for {@code name}/{@code recordType}. Up when the server answers
 * NOERROR with at least one record of the type and, when {@code expectedAnswers} is not empty, the
 * answer set contains every expected value (compared in presentation format, e.g. {@code
 * 192.0.2.1}, {@code mail.example.com.}, case-insensitive, trailing dot optional).
 *
 * @param name the name to resolve
 * @param recordType record type mnemonic: A, AAAA, CNAME, MX, TXT, NS, ...
 * @param server DNS server to ask
 * @param serverPort its port, usually 53
 * @param expectedAnswers values that must be present; empty accepts any answer
 */
public record DnsSpec(String name, String recordType, String server, int serverPort,
    Set<String> expectedAnswers) implements CheckSpec {
  /** Validates the components. */
  public DnsSpec {
    name = Specs.host(name);
    Objects.requireNonNull(recordType, "recordType");
    recordType = recordType.strip().toUpperCase(Locale.ROOT);
    if (recordType.isEmpty() || recordType.length() > 10) {
      throw new IllegalArgumentException("recordType must be a DNS type mnemonic, got '"
          + recordType + "'");
    }
    server = Specs.host(server);
    serverPort = Specs.port(serverPort);
    expectedAnswers = Set.copyOf(Objects.requireNonNull(expectedAnswers, "expectedAnswers"));
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.DNS;
  }

  @Override
  public String targetHost() {
    return server.toLowerCase(Locale.ROOT);
  }
}
