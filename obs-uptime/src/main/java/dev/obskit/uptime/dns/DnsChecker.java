package dev.obskit.uptime.dns;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.DnsSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS checks with dnsjava: one query to the spec's server (UDP, falling back to TCP when the
 * answer is truncated), bounded by the monitor's timeout. DOWN on a non-NOERROR rcode, on an
 * empty answer, or when an expected value is missing. Thread-safe.
 */
public final class DnsChecker extends BlockingChecker {
  /** Creates a checker running queries on {@code executor}. */
  public DnsChecker(Clock clock, Executor executor) {
    super(clock, executor);
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.DNS;
  }

  @Override
  public String getName() {
    return "dnsjava";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    DnsSpec spec = (DnsSpec) monitor.spec();
    int type = Type.value(spec.recordType());
    if (type < 0) {
      return CheckResult.down(startedAt, Timings.total(0), "unknown DNS record type '"
          + spec.recordType() + "'");
    }
    Name name;
    try {
      name = Name.fromString(spec.name(), Name.root);
    } catch (TextParseException e) {
      return CheckResult.down(startedAt, Timings.total(0), "invalid DNS name '" + spec.name()
          + "': " + e.getMessage());
    }
    SimpleResolver resolver = new SimpleResolver(
        new InetSocketAddress(spec.server(), spec.serverPort()));
    resolver.setTimeout(monitor.timeout());
    Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    Timings timings = new Timings(System.nanoTime() - startNanos, Timings.NOT_MEASURED,
        Timings.NOT_MEASURED, Timings.NOT_MEASURED, System.nanoTime() - startNanos);
    return judge(spec, type, response, startedAt, timings);
  }

  private static CheckResult judge(DnsSpec spec, int type, Message response, Instant startedAt,
      Timings timings) {
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR) {
      return CheckResult.down(startedAt, timings, "DNS " + Rcode.string(rcode) + " for "
          + spec.name() + " " + spec.recordType());
    }
    Set<String> answers = new TreeSet<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        answers.add(normalize(r.rdataToString()));
      }
    }
    Map<String, String> details = Map.of("answers", String.join(", ", answers));
    if (answers.isEmpty()) {
      return CheckResult.down(startedAt, timings, "no " + spec.recordType() + " record for "
          + spec.name()).withDetails(details);
    }
    List<String> missing = new ArrayList<>();
    for (String expected : spec.expectedAnswers()) {
      if (!answers.contains(normalize(expected))) {
        missing.add(expected);
      }
    }
    if (!missing.isEmpty()) {
      return CheckResult.down(startedAt, timings, "expected " + missing + " in "
          + spec.recordType() + " answer for " + spec.name() + ", got " + answers)
          .withDetails(details);
    }
    return CheckResult.up(startedAt, timings).withDetails(details);
  }

  /** Lower-cases, drops a trailing dot and the quotes around TXT strings. */
  static String normalize(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
  }
}
