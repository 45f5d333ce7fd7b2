package dev.obskit.uptime.domain;

import dev.obskit.uptime.check.BlockingChecker;
import dev.obskit.uptime.check.CheckResult;
import dev.obskit.uptime.check.DomainSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.MonitorKind;
import dev.obskit.uptime.check.Timings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.commons.net.whois.WhoisClient;

/**
 * Domain expiry checks over WHOIS (commons-net): queries the spec's WHOIS server, reads at most
 * {@link #MAX_RECORD_BYTES} (a hostile server cannot exhaust the heap), and finds the expiry
 * date with {@link WhoisExpiryParser}. UP with the expiry date while the domain is registered and
 * unexpired (the module raises WARNING alerts at the monitor's thresholds); DOWN when expired,
 * unregistered or when no expiry date can be found. Thread-safe.
 */
public final class DomainExpiryChecker extends BlockingChecker {
  /** Most bytes of a WHOIS record read. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  private final Clock clock;

  /** Creates a checker running queries on {@code executor}. */
  public DomainExpiryChecker(Clock clock, Executor executor) {
    super(clock, executor);
    this.clock = clock;
  }

  @Override
  public MonitorKind kind() {
    return MonitorKind.DOMAIN;
  }

  @Override
  public String getName() {
    return "whois";
  }

  @Override
  protected CheckResult probe(Monitor monitor, Instant startedAt, long startNanos)
      throws IOException {
    DomainSpec spec = (DomainSpec) monitor.spec();
    String record = query(spec, (int) monitor.timeout().toMillis());
    Timings t = Timings.total(System.nanoTime() - startNanos);
    if (WhoisExpiryParser.notRegistered(record)) {
      return CheckResult.down(startedAt, t, "domain " + spec.domain()
          + " is not registered according to " + spec.whoisHost());
    }
    Optional<Instant> expiry = WhoisExpiryParser.parse(record);
    if (expiry.isEmpty()) {
      return CheckResult.down(startedAt, t, "no expiry date found in the WHOIS record of "
          + spec.domain() + " from " + spec.whoisHost());
    }
    Instant now = clock.instant();
    Map<String, String> details = Map.of("expiresAt", expiry.get().toString());
    if (!expiry.get().isAfter(now)) {
      return CheckResult.down(startedAt, t, "domain " + spec.domain() + " expired at "
          + expiry.get() + " (" + Duration.between(expiry.get(), now).toDays() + " days ago)")
          .withDomainExpiresAt(expiry.get()).withDetails(details);
    }
    return CheckResult.up(startedAt, t).withDomainExpiresAt(expiry.get()).withDetails(details);
  }

  private static String query(DomainSpec spec, int timeout) throws IOException {
    WhoisClient client = new WhoisClient();
    client.setConnectTimeout(timeout);
    client.setDefaultTimeout(timeout);
    try {
      client.connect(spec.whoisHost(), spec.whoisPort());
      client.setSoTimeout(timeout);
      try (InputStream in = client.getInputStream(false, spec.domain())) {
        return new String(in.readNBytes(MAX_RECORD_BYTES), StandardCharsets.UTF_8);
      }
    } finally {
      if (client.isConnected()) {
        client.disconnect();
      }
    }
  }
}
