package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.core.alert.Alert;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.MonitorId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.store.InMemoryServiceCatalog;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ServiceCatalog}, run on memory, H2 and PostgreSQL. */
abstract class ServiceCatalogContract extends ContractBase {
  ServiceCatalog catalog;
  TeamId team;

  @BeforeEach
  void setUp() {
    catalog = repository(ServiceCatalog.class, InMemoryServiceCatalog::new);
    team = freshTeam();
  }

  Service service(TeamId t, String id, String name) {
    return Service.of(t, ServiceId.of(id), name, EscalationPolicyId.of("p"))
        .withMetadata(Map.of("tier", "1"));
  }

  @Test
  void addUpdateFind_andListByName() {
    Service api = catalog.add(service(team, "api", "b-api"));
    catalog.add(service(team, "db", "a-db"));
    Service updated = catalog.update(api.withRunbook("https://runbooks.example/api").nextVersion());

    assertThat(catalog.find(team, ServiceId.of("api"))).contains(updated);
    assertThat(catalog.list(team)).extracting(Service::name).containsExactly("a-db", "b-api");
    assertThatThrownBy(() -> catalog.add(service(team, "api", "x"))).isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> catalog.update(api.nextVersion())).isInstanceOf(StaleVersionException.class);
  }

  @Test
  void resolve_followsSourceMonitorPrefixThenComponent_perTeam() {
    catalog.add(service(team, "api", "api"));
    catalog.add(service(team, "db", "db").withComponents(Set.of("postgres")));
    catalog.add(service(team, "web", "web"));
    catalog.mapSource(team, "uptime/exact", ServiceId.of("api"));
    catalog.mapMonitor(team, MonitorId.of("m-1"), ServiceId.of("db"));
    catalog.mapSourcePrefix(team, "k8s/", ServiceId.of("web"));
    catalog.mapSourcePrefix(team, "k8s/prod/", ServiceId.of("api"));

    assertThat(resolve(team, "uptime/exact", "x")).contains("api");
    assertThat(resolve(team, "uptime/m-1", "x")).contains("db");
    assertThat(resolve(team, "k8s/prod/pod-1", "x")).contains("api");
    assertThat(resolve(team, "k8s/dev/pod-1", "x")).contains("web");
    assertThat(resolve(team, "other", "postgres")).contains("db");
    assertThat(resolve(team, "other", "nothing")).isEmpty();
    assertThat(resolve(freshTeam(), "uptime/exact", "postgres")).isEmpty();
  }

  private java.util.Optional<String> resolve(TeamId t, String source, String component) {
    Alert alert = Alert.builder(t, "k-" + source).setSource(source).setComponent(component)
        .setSummary("s").build();
    return catalog.resolve(alert).map(s -> s.id().value());
  }
}
