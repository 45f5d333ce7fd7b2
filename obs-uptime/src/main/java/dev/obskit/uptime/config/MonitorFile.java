package dev.obskit.uptime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.TeamId;
import dev.obskit.uptime.browser.Journeys;
import dev.obskit.uptime.check.CheckSpec;
import dev.obskit.uptime.check.DatabaseSpec;
import dev.obskit.uptime.check.DnsSpec;
import dev.obskit.uptime.check.DomainSpec;
import dev.obskit.uptime.check.ExpiryThresholds;
import dev.obskit.uptime.check.HttpSpec;
import dev.obskit.uptime.check.MailSpec;
import dev.obskit.uptime.check.Monitor;
import dev.obskit.uptime.check.PingSpec;
import dev.obskit.uptime.check.TcpSpec;
import dev.obskit.uptime.check.UdpSpec;
import dev.obskit.uptime.check.TlsSpec;
import dev.obskit.uptime.heartbeat.Heartbeat;
import dev.obskit.uptime.maintenance.MaintenanceWindow;
import dev.obskit.uptime.maintenance.OneOffWindow;
import dev.obskit.uptime.maintenance.RecurringWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Loads monitors and heartbeats from a YAML or JSON file kept in version control (format in the
 * module README). All-or-nothing: every problem is collected and reported in one {@link
 * MonitorConfigException}, each naming the monitor and the field; unknown fields are errors (a
 * typo must not silently drop a setting). Files over {@link #MAX_FILE_BYTES} are refused, and
 * the YAML parser keeps Jackson/SnakeYAML's limits on aliases and nesting. Thread-safe (stateless).
 */
public final class MonitorFile {
  /** Largest file accepted. */
  public static final int MAX_FILE_BYTES = 1 << 20;
  /** Most monitors plus heartbeats in one file. */
  public static final int MAX_ENTRIES = 100_000;

  private MonitorFile() {}

  /**
   * What a file declares. Immutable.
   *
   * @param monitors the monitors
   * @param heartbeats the heartbeats
   */
  public record Contents(List<Monitor> monitors, List<Heartbeat> heartbeats) {
    /** Copies the lists. */
    public Contents {
      monitors = List.copyOf(monitors);
      heartbeats = List.copyOf(heartbeats);
    }
  }

  /** Loads {@code file} (JSON when it ends in {@code .json}, YAML otherwise). */
  public static Contents load(Path file, Optional<TeamId> defaultTeam) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new MonitorConfigException(file.toString(), List.of("file is " + size
            + " bytes, over the " + MAX_FILE_BYTES + " byte limit"));
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
      return parse(text, json, file.toString(), defaultTeam);
    } catch (IOException e) {
      throw new MonitorConfigException(file.toString(), List.of("cannot read: " + e));
    }
  }

  /** Parses {@code text}; {@code source} names it in error messages. */
  public static Contents parse(String text, boolean json, String source,
      Optional<TeamId> defaultTeam) {
    if (text.length() > MAX_FILE_BYTES) {
      throw new MonitorConfigException(source, List.of("content is over the "
          + MAX_FILE_BYTES + " byte limit"));
    }
    JsonNode root;
    try {
      ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(50).maxStringLength(MAX_FILE_BYTES).build());
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MonitorConfigException(source, List.of("not valid " + (json ? "JSON" : "YAML")
          + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
    }
    if (root == null || !root.isObject()) {
      throw new MonitorConfigException(source, List.of(
          "top level must be an object with 'monitors' and/or 'heartbeats'"));
    }
    List<String> problems = new ArrayList<>();
    Node top = new Node(root, source, problems);
    Optional<TeamId> team = top.parsed("team", false, TeamId::of).or(() -> defaultTeam);
    if (team.isEmpty()) {
      top.problem("team", "is required (or set obs.uptime.team)");
    }
    List<Node> monitorNodes = top.objects("monitors");
    List<Node> heartbeatNodes = top.objects("heartbeats");
    top.rejectUnknown();
    if (monitorNodes.size() + heartbeatNodes.size() > MAX_ENTRIES) {
      throw new MonitorConfigException(source, List.of("more than " + MAX_ENTRIES + " entries"));
    }
    List<Monitor> monitors = new ArrayList<>();
    List<Heartbeat> heartbeats = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    TeamId t = team.orElse(TeamId.of("unknown"));
    int i = 0;
    for (Node n : monitorNodes) {
      Node named = named(n, "monitors[" + i++ + "]", problems, ids);
      monitor(named, t).ifPresent(monitors::add);
    }
    i = 0;
    for (Node n : heartbeatNodes) {
      Node named = named(n, "heartbeats[" + i++ + "]", problems, ids);
      heartbeat(named, t).ifPresent(heartbeats::add);
    }
    if (!problems.isEmpty()) {
      throw new MonitorConfigException(source, problems);
    }
    return new Contents(monitors, heartbeats);
  }

  private static Node named(Node n, String where, List<String> problems, Set<String> ids) {
    String id = n.text("id", false).orElse("?");
    Node named = new Node(nodeOf(n), where + " '" + id + "'", problems);
    if (!id.equals("?") && !ids.add(id)) {
      named.problem("id", "duplicate id '" + id + "'");
    }
    return named;
  }

  private static JsonNode nodeOf(Node n) {
    return n.rawNode();
  }

  private static Optional<Monitor> monitor(Node n, TeamId team) {
    int before = n.problemCount();
    Optional<MonitorId> id = n.parsed("id", true, MonitorId::of);
    Optional<String> type = n.parsed("type", true, s -> s.strip().toLowerCase(Locale.ROOT));
    Optional<CheckSpec> spec = type.flatMap(t -> spec(n, t));
    Optional<String> name = n.text("name", false);
    Optional<Duration> frequency = n.duration("frequency");
    Optional<Duration> timeout = n.duration("timeout");
    Optional<Duration> confirmation = n.duration("confirmation");
    Optional<Duration> recovery = n.duration("recovery");
    List<String> certDays = n.list("certificateExpiryDays");
    List<String> domainDays = n.list("domainExpiryDays");
    Optional<Boolean> paused = n.bool("paused");
    Optional<String> group = n.text("group", false);
    List<MaintenanceWindow> windows = maintenance(n);
    n.rejectUnknown();
    if (id.isEmpty() || spec.isEmpty()) {
      return Optional.empty();
    }
    try {
      Monitor.Builder b = Monitor.builder(id.get(), team, spec.get());
      name.ifPresent(b::setName);
      frequency.ifPresent(f -> field(n, "frequency", () -> b.setFrequency(f)));
      timeout.ifPresent(f -> field(n, "timeout", () -> b.setTimeout(f)));
      confirmation.ifPresent(f -> field(n, "confirmation", () -> b.setConfirmationPeriod(f)));
      recovery.ifPresent(f -> field(n, "recovery", () -> b.setRecoveryPeriod(f)));
      thresholds(n, "certificateExpiryDays", certDays).ifPresent(b::setCertificateExpiry);
      thresholds(n, "domainExpiryDays", domainDays).ifPresent(b::setDomainExpiry);
      paused.ifPresent(b::setPaused);
      group.ifPresent(b::setGroup);
      windows.forEach(b::addMaintenance);
      return n.problemCount() > before ? Optional.empty() : Optional.of(b.build());
    } catch (IllegalArgumentException | IllegalStateException e) {
      n.problem("(monitor)", e.getMessage());
      return Optional.empty();
    }
  }

  private static void field(Node n, String field, Runnable set) {
    try {
      set.run();
    } catch (IllegalArgumentException e) {
      n.problem(field, e.getMessage());
    }
  }

  private static Optional<ExpiryThresholds> thresholds(Node n, String field, List<String> days) {
    if (days.isEmpty() && !n.has(field)) {
      return Optional.empty();
    }
    try {
      List<Integer> values = new ArrayList<>();
      for (String d : days) {
        values.add(Integer.valueOf(d.strip()));
      }
      return Optional.of(new ExpiryThresholds(values));
    } catch (IllegalArgumentException e) {
      n.problem(field, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<CheckSpec> spec(Node n, String type) {
    try {
      return switch (type) {
        case "http", "https", "keyword", "status" -> http(n);
        case "tcp" -> both(n.text("host", true), n.integer("port", true))
            .map(p -> new TcpSpec(p.a(), p.b()));
        case "udp" -> udp(n);
        case "dns" -> dns(n);
        case "tls", "ssl" -> both(n.text("host", true), n.integer("port", false).or(() ->
            Optional.of(443))).map(p -> new TlsSpec(p.a(), p.b(),
            n.text("serverName", false).orElse(null), n.bool("verifyTrust").orElse(true)));
        case "domain" -> both(n.text("domain", true), n.text("whoisServer", true)).map(p ->
            new DomainSpec(p.a(), p.b(), n.integer("whoisPort", false)
                .orElse(DomainSpec.DEFAULT_WHOIS_PORT)));
        case "smtp", "imap", "pop3", "pop" -> mail(n, type);
        case "ping" -> ping(n);
        case "database" -> database(n);
        case "journey", "transaction", "browser" -> journey(n);
        default -> {
          n.problem("type", "unknown type '" + type
              + "' (http, tcp, udp, dns, tls, domain, smtp, imap, pop3, ping, database,"
              + " journey)");
          yield Optional.empty();
        }
      };
    } catch (IllegalArgumentException e) {
      String first = String.valueOf(e.getMessage()).split(" ")[0];
      n.problem(n.has(first) ? first : "type " + type, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<CheckSpec> database(Node n) {
    Optional<String> url = n.text("url", true);
    Optional<String> query = n.text("query", true);
    String user = n.text("user", false).orElse("");
    String password = n.text("password", false).orElse("");
    Optional<String> expected = n.text("expectedValue", false);
    if (url.isEmpty() || query.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DatabaseSpec(url.get(), user, password, query.get(), expected));
  }

  /** A journey: {@code steps} as in {@link Journeys}, named after the monitor's name or id. */
  private static Optional<CheckSpec> journey(Node n) {
    Optional<JsonNode> steps = n.raw("steps");
    if (steps.isEmpty()) {
      n.problem("steps", "is required");
      return Optional.empty();
    }
    String name = n.text("name", false).or(() -> n.text("id", false)).orElse("journey");
    com.fasterxml.jackson.databind.node.ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("name", name.length() > 100 ? name.substring(0, 100) : name);
    tree.set("steps", steps.get());
    return Optional.of(Journeys.parse(tree.toString()));
  }

  private static Optional<CheckSpec> http(Node n) {
    Optional<String> url = n.text("url", true);
    Optional<String> method = n.text("method", false);
    java.util.Map<String, String> headers = n.map("headers");
    Optional<String> body = n.text("body", false);
    List<String> codes = n.list("expectedStatus");
    Optional<String> keyword = n.text("keyword", false);
    Optional<String> absent = n.text("absentKeyword", false);
    Optional<Boolean> redirects = n.bool("followRedirects");
    Optional<Boolean> verify = n.bool("verifyTls");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    HttpSpec.Builder b;
    try {
      b = HttpSpec.builder(url.get());
    } catch (IllegalArgumentException e) {
      n.problem("url", e.getMessage());
      return Optional.empty();
    }
    method.ifPresent(m -> field(n, "method", () -> b.setMethod(m)));
    headers.forEach((k, v) -> field(n, "headers", () -> b.putHeader(k, v)));
    body.ifPresent(s -> field(n, "body", () -> b.setBody(s)));
    for (String c : codes) {
      field(n, "expectedStatus", () -> {
        try {
          b.addExpectedStatus(Integer.parseInt(c.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be status codes, got '" + c + "'", e);
        }
      });
    }
    keyword.ifPresent(k -> field(n, "keyword", () -> b.setRequiredKeyword(k)));
    absent.ifPresent(k -> field(n, "absentKeyword", () -> b.setAbsentKeyword(k)));
    redirects.ifPresent(b::setFollowRedirects);
    verify.ifPresent(b::setVerifyTls);
    try {
      return Optional.of(b.build());
    } catch (IllegalArgumentException e) {
      n.problem("body", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<CheckSpec> udp(Node n) {
    Optional<String> host = n.text("host", true);
    Optional<Integer> port = n.integer("port", true);
    String payload = n.text("payload", false).orElse("");
    Optional<String> expect = n.text("expect", true);
    if (host.isEmpty() || port.isEmpty() || expect.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UdpSpec(host.get(), port.get(), payload, expect.get()));
  }

  private static Optional<CheckSpec> dns(Node n) {
    Optional<String> name = n.text("name", true);
    String recordType = n.text("recordType", false).orElse("A");
    Optional<String> server = n.text("server", true);
    int port = n.integer("port", false).orElse(53);
    List<String> expected = n.list("expected");
    if (name.isEmpty() || server.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DnsSpec(name.get(), recordType, server.get(), port,
        Set.copyOf(expected)));
  }

  private static Optional<CheckSpec> mail(Node n, String type) {
    MailSpec.Protocol protocol = switch (type) {
      case "smtp" -> MailSpec.Protocol.SMTP;
      case "imap" -> MailSpec.Protocol.IMAP;
      default -> MailSpec.Protocol.POP3;
    };
    Optional<String> host = n.text("host", true);
    Optional<Integer> port = n.integer("port", true);
    Optional<MailSpec.TlsMode> tls = n.parsed("tls", false,
        s -> MailSpec.TlsMode.valueOf(s.strip().toUpperCase(Locale.ROOT)));
    boolean verify = n.bool("verifyTls").orElse(true);
    return both(host, port).map(p -> new MailSpec(protocol, p.a(), p.b(),
        tls.orElse(MailSpec.TlsMode.NONE), verify));
  }

  private static Optional<CheckSpec> ping(Node n) {
    Optional<String> host = n.text("host", true);
    PingSpec.Mode mode = n.parsed("mode", false, s -> switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "icmp" -> PingSpec.Mode.ICMP;
      case "tcp", "tcp-connect", "tcp_connect" -> PingSpec.Mode.TCP_CONNECT;
      default -> throw new IllegalArgumentException("must be icmp or tcp, got '" + s + "'");
    }).orElse(PingSpec.Mode.TCP_CONNECT);
    int port = n.integer("port", false).orElse(PingSpec.DEFAULT_TCP_PORT);
    return host.map(h -> new PingSpec(h, mode, port));
  }

  private static List<MaintenanceWindow> maintenance(Node n) {
    List<MaintenanceWindow> out = new ArrayList<>();
    for (Node w : n.objects("maintenance")) {
      try {
        if (w.has("start") || w.has("end")) {
          Optional<Instant> start = w.parsed("start", true, Instant::parse);
          Optional<Instant> end = w.parsed("end", true, Instant::parse);
          both(start, end).ifPresent(p -> out.add(new OneOffWindow(p.a(), p.b())));
        } else {
          Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
          for (String d : w.list("days")) {
            days.add(day(d));
          }
          Optional<LocalTime> from = w.parsed("from", true, LocalTime::parse);
          Optional<LocalTime> to = w.parsed("to", true, LocalTime::parse);
          ZoneId zone = w.parsed("timezone", false, ZoneId::of).orElse(ZoneId.of("UTC"));
          both(from, to).ifPresent(p -> out.add(new RecurringWindow(days, p.a(), p.b(), zone)));
        }
      } catch (RuntimeException e) {
        w.problem("maintenance", e.getMessage());
      }
      w.rejectUnknown();
    }
    return out;
  }

  private static DayOfWeek day(String d) {
    String s = d.strip().toLowerCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().toLowerCase(Locale.ROOT).startsWith(s) && s.length() >= 3) {
        return day;
      }
    }
    throw new IllegalArgumentException("unknown day '" + d + "' (mon..sun)");
  }

  private static Optional<Heartbeat> heartbeat(Node n, TeamId team) {
    int before = n.problemCount();
    Optional<MonitorId> id = n.parsed("id", true, MonitorId::of);
    String name = n.text("name", false).orElse(id.map(MonitorId::value).orElse("?"));
    Optional<Duration> period = n.duration("period");
    Duration grace = n.duration("grace").orElse(Duration.ZERO);
    List<MaintenanceWindow> windows = maintenance(n);
    n.rejectUnknown();
    if (period.isEmpty() && n.problemCount() == before) {
      n.problem("period", "is required");
    }
    if (id.isEmpty() || period.isEmpty() || n.problemCount() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Heartbeat(id.get(), team, name, period.get(), grace, windows));
    } catch (IllegalArgumentException e) {
      n.problem("period/grace", e.getMessage());
      return Optional.empty();
    }
  }

  private static <A, B> Optional<Pair<A, B>> both(Optional<A> a, Optional<B> b) {
    return a.isPresent() && b.isPresent() ? Optional.of(new Pair<>(a.get(), b.get()))
        : Optional.empty();
  }

  private record Pair<A, B>(A a, B b) {}
}
