package dev.obskit.incidents.store;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.InMemoryAggregateStore;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link ServiceCatalog}. Thread-safe. */
public final class InMemoryServiceCatalog implements ServiceCatalog {
  private final InMemoryAggregateStore<ServiceId, Service> store = new InMemoryAggregateStore<>();
  private final ConcurrentHashMap<MappingKey, ServiceId> mappings = new ConcurrentHashMap<>();

  @Override
  public Service add(Service service) {
    return store.insert(service);
  }

  @Override
  public Service update(Service next) {
    return store.update(next);
  }

  @Override
  public Optional<Service> find(TeamId teamId, ServiceId id) {
    return store.find(teamId, id);
  }

  @Override
  public List<Service> list(TeamId teamId) {
    List<Service> all = store.listAll(teamId, s -> true);
    all.sort(Comparator.comparing(Service::name).thenComparing(s -> s.id().value()));
    return all;
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
  public Optional<Service> resolve(Alert alert) {
    TeamId team = alert.teamId();
    String source = alert.source();
    String tail = source.substring(source.lastIndexOf('/') + 1);
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
      ServiceId id = mappings.get(new MappingKey(team, key));
      if (id != null) {
        Optional<Service> found = store.find(team, id);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    Optional<Service> byPrefix = longestPrefix(team, source);
    if (byPrefix.isPresent()) {
      return byPrefix;
    }
    return list(team).stream().filter(s -> s.answersTo(alert.component())).findFirst();
  }

  @Override
  public void mapSourcePrefix(TeamId teamId, String prefix, ServiceId service) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("source prefix must not be empty");
    }
    put(teamId, "prefix:" + prefix, service);
  }

  private Optional<Service> longestPrefix(TeamId team, String source) {
    String best = null;
    ServiceId bestId = null;
    for (var e : mappings.entrySet()) {
      String k = e.getKey().key();
      if (e.getKey().teamId().equals(team) && k.startsWith("prefix:")) {
        String prefix = k.substring("prefix:".length());
        if (source.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
          best = prefix;
          bestId = e.getValue();
        }
      }
    }
    return bestId == null ? Optional.empty() : store.find(team, bestId);
  }

  private void put(TeamId teamId, String key, ServiceId service) {
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(service, "service");
    mappings.put(new MappingKey(teamId, key), service);
  }

  private record MappingKey(TeamId teamId, String key) {}
}
