package dev.obskit.incidents.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.notify.Urgency;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.EscalationBranch;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationStep;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.oncall.Layer;
import dev.obskit.incidents.oncall.Rotation;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleOverride;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link IncidentsDefinition} as the tree {@link DefinitionParser} reads, so an export
 * parses back to an equal definition. Only overrides from the file itself are exported. Stateless.
 */
final class DefinitionWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DefinitionWriter() {}

  static ObjectNode write(IncidentsDefinition d) {
    ObjectNode root = F.objectNode();
    root.put("team", d.team().value());
    ArrayNode channels = root.putArray("channels");
    d.channels().forEach((id, w) -> channels.addObject().put("id", id)
        .put("type", channelType(w.channel())).put("url", w.url()).put("name", w.name()));
    ArrayNode responders = root.putArray("responders");
    d.responders().forEach(r -> responder(responders.addObject(), r));
    ArrayNode services = root.putArray("services");
    d.services().forEach(s -> service(services.addObject(), s));
    ArrayNode policies = root.putArray("escalationPolicies");
    d.policies().forEach(p -> policy(policies.addObject(), p, d.channels()));
    ArrayNode schedules = root.putArray("schedules");
    d.schedules().forEach(s -> schedule(schedules.addObject(), s));
    return root;
  }

  private static String channelType(ChannelKind kind) {
    return switch (kind) {
      case SLACK -> "slack";
      case MS_TEAMS -> "teams";
      default -> "webhook";
    };
  }

  private static void responder(ObjectNode n, Responder r) {
    n.put("id", r.user().value()).put("name", r.name());
    ArrayNode contacts = n.putArray("contacts");
    for (ContactMethod c : r.contacts()) {
      String urgency = c.urgencies().size() == Urgency.values().length ? "always"
          : c.urgencies().iterator().next().name().toLowerCase(Locale.ROOT);
      contacts.addObject().put("channel", c.channel().name()).put("address", c.address())
          .put("urgency", urgency);
    }
  }

  private static void service(ObjectNode n, Service s) {
    n.put("id", s.id().value()).put("name", s.name());
    if (s.escalationPolicyId() != null) {
      n.put("policy", s.escalationPolicyId().value());
    }
    if (!s.runbookUrl().isEmpty()) {
      n.put("runbook", s.runbookUrl());
    }
    n.put("autoResolve", s.autoResolve());
    if (!s.components().isEmpty()) {
      strings(n.putArray("components"), s.components());
    }
    if (!s.metadata().isEmpty()) {
      ObjectNode meta = n.putObject("metadata");
      s.metadata().forEach(meta::put);
    }
  }

  private static void policy(ObjectNode n, EscalationPolicy p,
      Map<String, EscalationTarget.Webhook> channels) {
    n.put("id", p.id().value()).put("name", p.name());
    if (!p.zone().equals(ZoneOffset.UTC)) {
      n.put("zone", p.zone().getId());
    }
    n.put("repeat", p.repeatCount());
    ArrayNode steps = n.putArray("steps");
    for (EscalationStep step : p.steps()) {
      ObjectNode s = steps.addObject();
      if (step.branch().isPresent()) {
        branch(s.putObject("branch"), step.branch().get());
        continue;
      }
      s.put("wait", duration(step.waitBeforeNext()));
      ArrayNode targets = s.putArray("targets");
      step.targets().forEach(t -> target(targets.addObject(), t, channels));
    }
  }

  private static void target(ObjectNode n, EscalationTarget t,
      Map<String, EscalationTarget.Webhook> channels) {
    if (t instanceof EscalationTarget.User u) {
      n.put("user", u.user().value());
    } else if (t instanceof EscalationTarget.OnCall s) {
      n.put("schedule", s.schedule().value());
    } else if (t instanceof EscalationTarget.Team team) {
      n.put("team", team.team().value());
    } else if (t instanceof EscalationTarget.Policy p) {
      n.put("policy", p.policy().value());
    } else if (t instanceof EscalationTarget.Webhook w) {
      String name = channels.entrySet().stream().filter(e -> e.getValue().equals(w))
          .map(Map.Entry::getKey).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("webhook " + w.name()
              + " is not one of the definition's channels"));
      n.put("channel", name);
    }
  }

  private static void branch(ObjectNode n, EscalationBranch b) {
    if (b instanceof EscalationBranch.TimeWindow w) {
      n.put("when", "time");
      days(n.putArray("days"), w.days());
      n.put("from", w.from().toString()).put("to", w.to().toString());
    } else if (b instanceof EscalationBranch.Metadata m) {
      n.put("when", "metadata").put("key", m.key());
      strings(n.putArray("values"), m.values());
    } else if (b instanceof EscalationBranch.SeverityIn s) {
      n.put("when", "severity");
      strings(n.putArray("severities"), s.severities().stream().map(Enum::name).toList());
    }
    n.put("policy", b.policy().value());
  }

  private static void schedule(ObjectNode n, Schedule s) {
    n.put("id", s.id().value()).put("name", s.name());
    if (!s.zone().equals(ZoneOffset.UTC)) {
      n.put("zone", s.zone().getId());
    }
    ArrayNode layers = n.putArray("layers");
    for (Layer l : s.layers()) {
      ObjectNode layer = layers.addObject().put("name", l.name()).put("priority", l.priority());
      rotation(layer.putObject("rotation"), l.rotation());
    }
    ArrayNode overrides = n.putArray("overrides");
    for (ScheduleOverride o : s.overrides()) {
      if (o.source().equals(IncidentsConfigFile.SOURCE)) {
        ObjectNode on = overrides.addObject().put("start", o.start().toString())
            .put("end", o.end().toString());
        strings(on.putArray("users"), o.users().stream().map(u -> u.value()).toList());
      }
    }
  }

  private static void rotation(ObjectNode n, Rotation r) {
    if (r.userGroups().stream().allMatch(g -> g.size() == 1)) {
      strings(n.putArray("users"), r.userGroups().stream().map(g -> g.get(0).value()).toList());
    } else {
      ArrayNode groups = n.putArray("groups");
      r.userGroups().forEach(g -> strings(groups.addArray(), g.stream().map(u -> u.value()).toList()));
    }
    if (r.startUserIndex() != 0) {
      n.put("startUserIndex", r.startUserIndex());
    }
    n.put("zone", r.zone().getId()).put("start", r.start().toString())
        .put("frequency", r.frequency().name().toLowerCase(Locale.ROOT))
        .put("interval", r.interval());
    if (!r.byDay().isEmpty()) {
      days(n.putArray("byDay"), r.byDay());
    }
    if (!r.byMonthDay().isEmpty()) {
      ArrayNode days = n.putArray("byMonthDay");
      r.byMonthDay().forEach(days::add);
    }
    if (r.weekStart() != Rotation.DEFAULT_WEEK_START) {
      n.put("weekStart", r.weekStart().name().substring(0, 2));
    }
    r.shiftLength().ifPresent(l -> n.put("shiftLength", duration(l)));
    r.until().ifPresent(u -> n.put("until", u.toString()));
  }

  private static void days(ArrayNode a, Collection<DayOfWeek> days) {
    days.forEach(d -> a.add(d.name().substring(0, 2)));
  }

  private static void strings(ArrayNode a, Collection<String> values) {
    values.forEach(a::add);
  }

  private static String duration(Duration d) {
    return d.isZero() ? "0" : d.toString();
  }

  static List<String> kinds() {
    return List.of("channels", "responders", "services", "escalationPolicies", "schedules");
  }
}
