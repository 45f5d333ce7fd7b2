package dev.obskit.spring.boot.autoconfigure.actuate;

import dev.obskit.core.ObsKit;
import dev.obskit.core.id.TeamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/obskit}: what is going on, at a glance — each module's health, open incidents,
 * monitor states and, for the configured teams, month-to-date usage and the invoice so far. Reads
 * in-process state only; never calls out.
 */
@Endpoint(id = "obskit")
public class ObsKitEndpoint {
  private final ObsKit kit;
  private final List<TeamId> teams;

  ObsKitEndpoint(ObsKit kit, List<TeamId> teams) {
    this.kit = Objects.requireNonNull(kit, "kit");
    this.teams = List.copyOf(teams);
  }

  /** Returns the summary. */
  @ReadOperation
  public Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> modules = new LinkedHashMap<>();
    kit.health().forEach((name, h) -> modules.put(name, Map.of("status", h.status().name(),
        "reasons", h.reasons())));
    out.put("modules", modules);
    EndpointSections.incidents(kit).ifPresent(v -> out.put("openIncidents", v));
    EndpointSections.monitors(kit).ifPresent(v -> out.put("monitors", v));
    List<Object> usage = new ArrayList<>();
    for (TeamId team : teams) {
      EndpointSections.monthToDate(kit, team).ifPresent(usage::add);
    }
    if (!usage.isEmpty()) {
      out.put("monthToDate", usage);
    }
    return out;
  }
}
