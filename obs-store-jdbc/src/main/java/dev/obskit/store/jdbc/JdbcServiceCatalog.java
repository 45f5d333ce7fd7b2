package dev.obskit.store.jdbc;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Services in {@code inc_service}, alert mappings in {@code inc_service_mapping}. {@link #resolve}
 * follows the in-memory catalog's order: exact source, monitor and project keys from the alert's
 * details, then from the source's last path segment, then the longest source prefix, then the
 * first service (by name) that answers to the alert's component. Thread-safe.
 */
final class JdbcServiceCatalog implements ServiceCatalog {
  private final Db db;
  private final AggregateTable<Service> services;
  private final String mappings;

  JdbcServiceCatalog(Db db) {
    this.db = db;
    this.services = new AggregateTable<>(db, "inc_service", Service.class, AggregateTable.columns(
        new AggregateTable.Column<>("name", Service::name)));
    this.mappings = db.table("inc_service_mapping");
  }

  @Override
  public Service add(Service service) {
    return services.insert(service);
  }

  @Override
  public Service update(Service next) {
    return services.update(next);
  }

  @Override
  public Optional<Service> find(TeamId teamId, ServiceId id) {
    return services.find(teamId, id);
  }

  @Override
  public List<Service> list(TeamId teamId) {
    return services.select("team_id = ?", ps -> ps.setString(1, teamId.value()), "name, id");
  }

  @Override
  public void mapSource(TeamId teamId, String source, ServiceId service) {
    put(teamId, "source:" + Objects.requireNonNull(source, "source"), service);
  }

  @Override
  public void mapMonitor(TeamId teamId, MonitorId monitor, ServiceId service) {
    put(teamId, "monitor:" + monitor.value(), service);
  }

  @Override
  public void mapProject(TeamId teamId, ProjectId project, ServiceId service) {
    put(teamId, "project:" + project.value(), service);
  }

  @Override
  public void mapSourcePrefix(TeamId teamId, String prefix, ServiceId service) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("source prefix must not be empty");
    }
    put(teamId, "prefix:" + prefix, service);
  }

  private void put(TeamId teamId, String key, ServiceId service) {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(service, "service");
    db.tx("mapping " + key, c -> {
      int n = Db.update(c, "UPDATE " + mappings + " SET service_id = ? WHERE team_id = ? AND match_key = ?",
          ps -> {
            ps.setString(1, service.value());
            ps.setString(2, teamId.value());
            ps.setString(3, key);
          });
      if (n == 0) {
        Db.update(c, "INSERT INTO " + mappings + " (team_id, match_key, service_id) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING", ps -> {
              ps.setString(1, teamId.value());
              ps.setString(2, key);
              ps.setString(3, service.value());
            });
      }
      return n;
    });
  }

  @Override
  public Optional<Service> resolve(Alert alert) {
    TeamId team = alert.teamId();
    String source = alert.source();
    String tail = source.substring(source.lastIndexOf('/') + 1);
    Map<String, String> mapped = db.query("read of service mappings", "SELECT match_key, service_id"
        + " FROM " + mappings + " WHERE team_id = ?", ps -> ps.setString(1, team.value()),
        rs -> Map.entry(rs.getString(1), rs.getString(2))).stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    String[] keys = {
        "source:" + source,
        "monitor:" + alert.details().getOrDefault("monitor", ""),
        "monitor:" + alert.details().getOrDefault("monitorId", ""),
        "project:" + alert.details().getOrDefault("project", ""),
        "project:" + alert.details().getOrDefault("projectId", ""),
        "monitor:" + tail,
        "project:" + tail,
    };
    for (String key : keys) {
      String id = mapped.get(key);
      Optional<Service> found = id == null ? Optional.empty() : find(team, ServiceId.of(id));
      if (found.isPresent()) {
        return found;
      }
    }
    String best = null;
    for (Map.Entry<String, String> e : mapped.entrySet()) {
      if (e.getKey().startsWith("prefix:")) {
        String prefix = e.getKey().substring("prefix:".length());
        if (source.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
          best = prefix;
        }
      }
    }
    if (best != null) {
      return find(team, ServiceId.of(mapped.get("prefix:" + best)));
    }
    return list(team).stream().filter(s -> s.answersTo(alert.component())).findFirst();
  }
}
