package dev.obskit.incidents.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Urgency;
import dev.obskit.core.store.Versioned;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationBranch;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationStep;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.oncall.Frequency;
import dev.obskit.incidents.oncall.Layer;
import dev.obskit.incidents.oncall.OverrideId;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleOverride;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an {@link IncidentsDefinition} from a parsed YAML/JSON tree, collecting every problem
 * (see {@link ConfigNode}). References between objects of the file (a step's user, schedule,
 * channel or policy; a service's policy; a rotation's users when responders are declared) are
 * checked after everything is read. Not thread-safe; one per parse.
 */
final class DefinitionParser {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private final String file;
  private final List<String> problems = new ArrayList<>();
  private final List<Runnable> referenceChecks = new ArrayList<>();
  private TeamId team = TeamId.of("unknown");

  DefinitionParser(String file) {
    this.file = file;
  }

  IncidentsDefinition parse(JsonNode root) {
    ConfigNode top = new ConfigNode(root, file, "", problems);
    top.parsed("team", true, TeamId::of).ifPresent(t -> team = t);
    Map<String, EscalationTarget.Webhook> channels = channels(top.objects("channels"));
    List<Responder> responders = responders(top.objects("responders"));
    List<EscalationPolicy> policies = new ArrayList<>();
    ids(top.objects("escalationPolicies"), "policy", n -> policy(n, channels)
        .map(p -> {
          policies.add(p);
          return p.id().value();
        }));
    List<Schedule> schedules = new ArrayList<>();
    ids(top.objects("schedules"), "schedule", n -> schedule(n).map(s -> {
      schedules.add(s);
      return s.id().value();
    }));
    List<Service> services = new ArrayList<>();
    ids(top.objects("services"), "service", n -> service(n).map(s -> {
      services.add(s);
      return s.id().value();
    }));
    top.rejectUnknown();
    references = new References(declared(root, "channels"), declared(root, "responders"),
        declared(root, "escalationPolicies"), declared(root, "schedules"));
    referenceChecks.forEach(Runnable::run);
    if (!problems.isEmpty()) {
      throw new IncidentsConfigException(problems);
    }
    return new IncidentsDefinition(team, channels, responders, services, policies, schedules);
  }

  private record References(Set<String> channels, Set<String> users, Set<String> policies,
      Set<String> schedules) {}

  private References references;

  /** The ids a section declares, valid or not, so one bad object does not hide references to it. */
  private static Set<String> declared(JsonNode root, String section) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode list = root.get(section);
    if (list != null && list.isArray()) {
      for (JsonNode n : list) {
        JsonNode id = n.get("id");
        if (id != null && id.isValueNode()) {
          out.add(id.asText());
        }
      }
    }
    return out;
  }

  /** Parses each node, reporting a duplicate id at the node that repeats it. */
  private Set<String> ids(List<ConfigNode> nodes, String kind, Function<ConfigNode, Optional<String>> each) {
    Set<String> seen = new LinkedHashSet<>();
    for (ConfigNode n : nodes) {
      each.apply(n).ifPresent(id -> {
        if (!seen.add(id)) {
          n.problem("id", "duplicate " + kind + " id " + ConfigNode.quote(id));
        }
      });
    }
    return seen;
  }

  private void reference(ConfigNode n, String field, String kind, String id,
      Function<References, Set<String>> known) {
    referenceChecks.add(() -> {
      Set<String> ids = known.apply(references);
      if (!ids.contains(id)) {
        n.problem(field, "unknown " + kind + " " + ConfigNode.quote(id)
            + (ids.isEmpty() ? " (none declared)" : ", declared: " + String.join(", ", ids)));
      }
    });
  }

  // ------------------------------------------------------------------ channels and responders

  private Map<String, EscalationTarget.Webhook> channels(List<ConfigNode> nodes) {
    Map<String, EscalationTarget.Webhook> out = new LinkedHashMap<>();
    for (ConfigNode n : nodes) {
      Optional<String> id = n.text("id", true);
      Optional<ChannelKind> kind = n.parsed("type", true, DefinitionParser::channelKind);
      Optional<String> url = n.text("url", true);
      Optional<String> name = n.text("name", false);
      n.rejectUnknown();
      if (id.isPresent() && out.containsKey(id.get())) {
        n.problem("id", "duplicate channel id " + ConfigNode.quote(id.get()));
      } else if (id.isPresent() && kind.isPresent() && url.isPresent()) {
        build(n, "url", () -> out.put(id.get(),
            new EscalationTarget.Webhook(kind.get(), url.get(), name.orElse(id.get()))));
      }
    }
    return out;
  }

  static ChannelKind channelKind(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "slack" -> ChannelKind.SLACK;
      case "teams", "ms_teams" -> ChannelKind.MS_TEAMS;
      case "webhook" -> ChannelKind.WEBHOOK;
      default -> throw new IllegalArgumentException("must be one of slack, teams, webhook");
    };
  }

  private List<Responder> responders(List<ConfigNode> nodes) {
    List<Responder> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ConfigNode n : nodes) {
      Optional<UserId> id = n.parsed("id", true, UserId::of);
      Optional<String> name = n.text("name", false);
      List<ContactMethod> contacts = new ArrayList<>();
      for (ConfigNode c : n.objects("contacts")) {
        Optional<ChannelKind> channel = c.parsed("channel", true, t -> oneOf(ChannelKind.class, t));
        Optional<String> address = c.text("address", true);
        Optional<Set<Urgency>> urgencies = c.parsed("urgency", false, DefinitionParser::urgencies);
        c.rejectUnknown();
        if (channel.isPresent() && address.isPresent()) {
          build(c, "address", () -> contacts.add(new ContactMethod(channel.get(), address.get(),
              urgencies.orElse(EnumSet.allOf(Urgency.class)))));
        }
      }
      n.rejectUnknown();
      id.ifPresent(u -> {
        if (!seen.add(u.value())) {
          n.problem("id", "duplicate responder id " + ConfigNode.quote(u.value()));
        } else {
          out.add(new Responder(u, team, name.orElse(u.value()), contacts));
        }
      });
    }
    return out;
  }

  static Set<Urgency> urgencies(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "high" -> EnumSet.of(Urgency.HIGH);
      case "low" -> EnumSet.of(Urgency.LOW);
      case "always" -> EnumSet.allOf(Urgency.class);
      default -> throw new IllegalArgumentException("must be one of high, low, always");
    };
  }

  // ------------------------------------------------------------------ services

  private Optional<Service> service(ConfigNode n) {
    int before = n.problemCount();
    Optional<ServiceId> id = n.parsed("id", true, ServiceId::of);
    Optional<String> name = n.text("name", true);
    Optional<String> policy = n.text("policy", false);
    policy.ifPresent(p -> reference(n, "policy", "escalation policy", p, References::policies));
    Optional<String> runbook = n.text("runbook", false);
    Optional<Boolean> autoResolve = n.bool("autoResolve");
    List<String> components = n.list("components", Function.identity());
    Map<String, String> metadata = n.map("metadata");
    n.rejectUnknown();
    if (id.isEmpty() || name.isEmpty() || n.problemCount() > before) {
      return Optional.empty();
    }
    return build(n, null, () -> new Service(id.get(), team, Versioned.INITIAL_VERSION, name.get(),
        team, policy.map(EscalationPolicyId::of).orElse(null), runbook.orElse(""),
        autoResolve.orElse(true), new LinkedHashSet<>(components), metadata));
  }

  // ------------------------------------------------------------------ escalation policies

  private Optional<EscalationPolicy> policy(ConfigNode n, Map<String, EscalationTarget.Webhook> channels) {
    int before = n.problemCount();
    Optional<EscalationPolicyId> id = n.parsed("id", true, EscalationPolicyId::of);
    Optional<String> name = n.text("name", false);
    Optional<ZoneId> zone = n.parsed("zone", false, DefinitionParser::zone);
    Optional<Integer> repeat = n.integer("repeat", false);
    List<EscalationStep> steps = new ArrayList<>();
    List<ConfigNode> stepNodes = n.objects("steps");
    if (stepNodes.isEmpty() && n.problemCount() == before) {
      n.problem("steps", "needs at least one step");
    }
    for (ConfigNode s : stepNodes) {
      step(s, channels).ifPresent(steps::add);
    }
    n.rejectUnknown();
    if (id.isEmpty() || n.problemCount() > before) {
      return Optional.empty();
    }
    return build(n, null, () -> new EscalationPolicy(id.get(), team, Versioned.INITIAL_VERSION,
        name.orElse(id.get().value()), steps, repeat.orElse(0), Map.of(),
        zone.orElse(java.time.ZoneOffset.UTC)));
  }

  private Optional<EscalationStep> step(ConfigNode s, Map<String, EscalationTarget.Webhook> channels) {
    if (s.has("branch")) {
      Optional<EscalationBranch> branch = s.object("branch", true).flatMap(this::branch);
      s.rejectUnknown();
      return branch.map(EscalationStep::branching);
    }
    Optional<Duration> wait = s.parsed("wait", false, DefinitionParser::duration);
    List<EscalationTarget> targets = new ArrayList<>();
    List<ConfigNode> targetNodes = s.objects("targets");
    if (targetNodes.isEmpty()) {
      s.problem("targets", "needs at least one target (or make the step a branch)");
    }
    for (ConfigNode t : targetNodes) {
      target(t, channels).ifPresent(targets::add);
    }
    s.rejectUnknown();
    if (targets.size() != targetNodes.size() || targets.isEmpty()) {
      return Optional.empty();
    }
    return build(s, "wait", () -> new EscalationStep(targets, wait.orElse(Duration.ZERO)));
  }

  private Optional<EscalationTarget> target(ConfigNode t, Map<String, EscalationTarget.Webhook> channels) {
    List<String> kinds = List.of("user", "schedule", "team", "channel", "policy");
    List<String> present = kinds.stream().filter(t::has).toList();
    t.rejectUnknown();
    if (present.size() != 1) {
      t.problem(null, "a target names exactly one of " + String.join(", ", kinds) + ", got "
          + (present.isEmpty() ? "none" : String.join(", ", present)));
      return Optional.empty();
    }
    String kind = present.get(0);
    Optional<String> value = t.text(kind, true);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String v = value.get();
    return switch (kind) {
      case "user" -> {
        referenceUser(t, kind, v);
        yield t.parse(kind, v, x -> new EscalationTarget.User(UserId.of(x)));
      }
      case "schedule" -> {
        reference(t, kind, "schedule", v, References::schedules);
        yield t.parse(kind, v, x -> new EscalationTarget.OnCall(ScheduleId.of(x)));
      }
      case "team" -> t.parse(kind, v, x -> new EscalationTarget.Team(TeamId.of(x)));
      case "channel" -> {
        EscalationTarget.Webhook w = channels.get(v);
        if (w == null) {
          reference(t, kind, "channel", v, References::channels);
        }
        yield Optional.ofNullable(w);
      }
      default -> {
        reference(t, kind, "escalation policy", v, References::policies);
        yield t.parse(kind, v, x -> new EscalationTarget.Policy(EscalationPolicyId.of(x)));
      }
    };
  }

  private void referenceUser(ConfigNode n, String field, String user) {
    referenceChecks.add(() -> {
      if (!references.users().isEmpty() && !references.users().contains(user)) {
        n.problem(field, "unknown responder " + ConfigNode.quote(user));
      }
    });
  }

  private Optional<EscalationBranch> branch(ConfigNode b) {
    int before = b.problemCount();
    Optional<String> when = b.parsed("when", true, t -> {
      String w = t.strip().toLowerCase(Locale.ROOT);
      if (!Set.of("time", "metadata", "severity").contains(w)) {
        throw new IllegalArgumentException("must be one of time, metadata, severity");
      }
      return w;
    });
    Optional<EscalationPolicyId> policy = b.parsed("policy", true, EscalationPolicyId::of);
    policy.ifPresent(p -> reference(b, "policy", "escalation policy", p.value(), References::policies));
    Optional<EscalationBranch> out = Optional.empty();
    if (when.isPresent() && policy.isPresent()) {
      out = switch (when.get()) {
        case "time" -> {
          List<DayOfWeek> days = b.list("days", DefinitionParser::day);
          Optional<LocalTime> from = b.parsed("from", true, LocalTime::parse);
          Optional<LocalTime> to = b.parsed("to", true, LocalTime::parse);
          yield from.isEmpty() || to.isEmpty() || b.problemCount() > before ? Optional.empty()
              : build(b, "days", () -> new EscalationBranch.TimeWindow(
                  days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days),
                  from.get(), to.get(), policy.get()));
        }
        case "metadata" -> {
          Optional<String> key = b.text("key", true);
          List<String> values = b.list("values", Function.identity());
          yield key.isEmpty() ? Optional.empty() : build(b, "values",
              () -> new EscalationBranch.Metadata(key.get(), new LinkedHashSet<>(values), policy.get()));
        }
        default -> {
          List<Severity> severities = b.list("severities", t -> oneOf(Severity.class, t));
          yield build(b, "severities", () -> new EscalationBranch.SeverityIn(
              severities.isEmpty() ? Set.of() : EnumSet.copyOf(severities), policy.get()));
        }
      };
    }
    b.rejectUnknown();
    return out;
  }

  // ------------------------------------------------------------------ schedules

  private Optional<Schedule> schedule(ConfigNode n) {
    int before = n.problemCount();
    Optional<ScheduleId> id = n.parsed("id", true, ScheduleId::of);
    Optional<String> name = n.text("name", false);
    Optional<ZoneId> zone = n.parsed("zone", false, DefinitionParser::zone);
    List<Layer> layers = new ArrayList<>();
    for (ConfigNode l : n.objects("layers")) {
      layer(l).ifPresent(layers::add);
    }
    List<ScheduleOverride> overrides = new ArrayList<>();
    for (ConfigNode o : n.objects("overrides")) {
      override(o, id.map(ScheduleId::value).orElse("?")).ifPresent(overrides::add);
    }
    n.rejectUnknown();
    if (id.isEmpty() || n.problemCount() > before) {
      return Optional.empty();
    }
    return build(n, null, () -> {
      Schedule.Builder b = Schedule.builder(team, id.get()).setName(name.orElse(id.get().value()));
      zone.ifPresent(b::setZone);
      layers.forEach(b::addLayer);
      overrides.forEach(b::addOverride);
      return b.build();
    });
  }

  private Optional<Layer> layer(ConfigNode l) {
    int before = l.problemCount();
    Optional<String> name = l.text("name", true);
    Optional<Integer> priority = l.integer("priority", false);
    Optional<Rotation> rotation = l.object("rotation", true).flatMap(this::rotation);
    l.rejectUnknown();
    if (name.isEmpty() || rotation.isEmpty() || l.problemCount() > before) {
      return Optional.empty();
    }
    return build(l, null, () -> Layer.of(name.get(), priority.orElse(0), rotation.get()));
  }

  private Optional<Rotation> rotation(ConfigNode r) {
    int before = r.problemCount();
    Rotation.Builder b = Rotation.builder();
    List<String> users = r.list("users", Function.identity());
    List<List<String>> groups = r.lists("groups");
    if (users.isEmpty() == groups.isEmpty()) {
      r.problem("users", "give either users (one per turn) or groups (several per turn)");
    }
    users.forEach(u -> {
      referenceUser(r, "users", u);
      r.parse("users", u, UserId::of).ifPresent(b::addUsers);
    });
    for (List<String> g : groups) {
      g.forEach(u -> referenceUser(r, "groups", u));
      r.parse("groups", String.join(",", g), x -> g.stream().map(UserId::of).toList())
          .ifPresent(ids -> b.addGroup(ids.toArray(new UserId[0])));
    }
    r.parsed("zone", true, DefinitionParser::zone).ifPresent(b::setZone);
    r.parsed("start", true, LocalDateTime::parse).ifPresent(b::setStart);
    r.parsed("frequency", true, t -> oneOf(Frequency.class, t)).ifPresent(b::setFrequency);
    r.integer("interval", false).ifPresent(b::setInterval);
    r.integer("startUserIndex", false).ifPresent(b::setStartUserIndex);
    List<DayOfWeek> byDay = r.list("byDay", DefinitionParser::day);
    b.setByDay(byDay.toArray(new DayOfWeek[0]));
    List<Integer> byMonthDay = r.list("byMonthDay", Integer::valueOf);
    b.setByMonthDay(byMonthDay.stream().mapToInt(Integer::intValue).toArray());
    r.parsed("weekStart", false, DefinitionParser::day).ifPresent(b::setWeekStart);
    r.parsed("shiftLength", false, DefinitionParser::duration).ifPresent(b::setShiftLength);
    r.parsed("until", false, LocalDateTime::parse).ifPresent(b::setUntil);
    r.rejectUnknown();
    if (r.problemCount() > before) {
      return Optional.empty();
    }
    return build(r, null, b::build);
  }

  private Optional<ScheduleOverride> override(ConfigNode o, String schedule) {
    int before = o.problemCount();
    Optional<Instant> start = o.parsed("start", true, DefinitionParser::instant);
    Optional<Instant> end = o.parsed("end", true, DefinitionParser::instant);
    List<UserId> users = o.list("users", UserId::of);
    users.forEach(u -> referenceUser(o, "users", u.value()));
    o.rejectUnknown();
    if (start.isEmpty() || end.isEmpty() || o.problemCount() > before) {
      return Optional.empty();
    }
    OverrideId id = OverrideId.of(overrideId(schedule, start.get(), end.get(), users));
    return build(o, null, () -> new ScheduleOverride(id, start.get(), end.get(), users,
        IncidentsConfigFile.SOURCE));
  }

  /** A stable id from the override's content, so an unchanged override keeps its id on reload. */
  static String overrideId(String schedule, Instant start, Instant end, List<UserId> users) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((schedule + "|" + start + "|" + end + "|" + users)
          .getBytes(StandardCharsets.UTF_8));
      return "cfg-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  // ------------------------------------------------------------------ values

  /** Builds a value, reporting a validation failure of the domain type at {@code field}. */
  private static <T> Optional<T> build(ConfigNode n, String field, java.util.function.Supplier<T> make) {
    try {
      return Optional.ofNullable(make.get());
    } catch (IllegalArgumentException | NullPointerException e) {
      n.problem(field, e.getMessage());
      return Optional.empty();
    }
  }

  static <E extends Enum<E>> E oneOf(Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text.strip())) {
        return e;
      }
    }
    throw new IllegalArgumentException("must be one of " + java.util.Arrays.stream(
        type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  static DayOfWeek day(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (t.length() >= 2 && d.name().startsWith(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException("must be a weekday (MO, TU, ... or MONDAY, ...)");
  }

  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text.strip());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("must be an IANA time zone such as Europe/Paris", e);
    }
  }

  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an instant with an offset, e.g. 2026-03-16T09:00:00Z", e);
    }
  }

  /** {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 0} or ISO-8601 {@code PT5M}. */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.startsWith("p")) {
      try {
        return Duration.parse(text.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("must be a duration such as 5m, 1h30m or PT5M", e);
      }
    }
    Matcher m = DURATION_PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
      at = m.end();
    }
    if (at != t.length() || t.isEmpty()) {
      throw new IllegalArgumentException("must be a duration such as 5m, 1h30m or PT5M");
    }
    return total;
  }
}
