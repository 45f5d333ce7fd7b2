package dev.obskit.spring.boot.autoconfigure.actuate;

import dev.obskit.core.ObsKit;
import dev.obskit.core.id.TeamId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sections of the {@code obskit} endpoint, one per module, each present only when its module
 * is on the class path and in the kit (checked by class name, so a missing module is never
 * loaded).
 */
final class EndpointSections {
  private static final int MAX_ITEMS = 100;

  private EndpointSections() {}

  static boolean has(String className) {
    try {
      Class.forName(className, false, EndpointSections.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static Optional<Object> incidents(ObsKit kit) {
    if (!has("dev.obskit.incidents.IncidentsModule")) {
      return Optional.empty();
    }
    return kit.findModule(dev.obskit.incidents.IncidentsModule.class).map(m ->
        m.incidents().repository().listOpen().stream().limit(MAX_ITEMS).map(i -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("team", i.teamId().value());
          v.put("id", i.id().value());
          v.put("title", i.title());
          v.put("severity", i.severity().name());
          v.put("status", i.status().name());
          v.put("openedAt", i.createdAt().toString());
          return v;
        }).toList());
  }

  static Optional<Object> monitors(ObsKit kit) {
    if (!has("dev.obskit.uptime.UptimeModule")) {
      return Optional.empty();
    }
    return kit.findModule(dev.obskit.uptime.UptimeModule.class).map(m ->
        m.monitors().stream().limit(MAX_ITEMS).map(monitor -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("id", monitor.id().value());
          v.put("name", monitor.name());
          v.put("state", m.state(monitor.id()).map(Enum::name).orElse("UNKNOWN"));
          return v;
        }).toList());
  }

  static Optional<Object> monthToDate(ObsKit kit, TeamId team) {
    if (!has("dev.obskit.billing.BillingModule")) {
      return Optional.empty();
    }
    return kit.findModule(dev.obskit.billing.BillingModule.class)
        .filter(m -> m.subscription(team).isPresent())
        .map(m -> {
          dev.obskit.billing.pricing.Invoice invoice = m.quoteMonthToDate(team);
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("team", team.value());
          v.put("period", invoice.period().toString());
          v.put("total", invoice.total().toString());
          v.put("lines", invoice.lines().stream().map(Object::toString).limit(MAX_ITEMS).toList());
          return v;
        });
  }

  static List<TeamId> teams(List<String> names) {
    return names.stream().map(TeamId::of).toList();
  }
}
