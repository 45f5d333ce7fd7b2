package dev.obskit.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ObsKit;
import dev.obskit.core.config.ConfigProperties;
import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.IncidentId;
import dev.obskit.core.id.ScheduleId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.store.Store;
import dev.obskit.core.store.StoredKeys;
import dev.obskit.core.time.ManualClock;
import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import dev.obskit.incidents.escalation.EscalationTarget;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.escalation.ResponderDirectory;
import dev.obskit.incidents.incident.IncidentDraft;
import dev.obskit.incidents.incident.IncidentRepository;
import dev.obskit.incidents.incident.Severity;
import dev.obskit.incidents.notify.ActionLinks;
import dev.obskit.incidents.oncall.OnCallModule;
import dev.obskit.incidents.oncall.ScheduleRepository;
import dev.obskit.incidents.store.InMemoryEscalationPolicyRepository;
import dev.obskit.incidents.store.InMemoryIncidentRepository;
import dev.obskit.incidents.store.InMemoryResponderDirectory;
import dev.obskit.incidents.store.InMemoryServiceCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every repository and the link secret come from the kit's store, never from the module itself. */
class IncidentsModuleStoreTest {
  private static final TeamId TEAM = TeamId.of("team-a");
  private final ManualClock clock = ManualClock.startingAt("2026-03-02T09:00:00Z");
  private final IncidentRepository incidents = new InMemoryIncidentRepository();
  private final ServiceCatalog catalog = new InMemoryServiceCatalog();
  private final EscalationPolicyRepository policies = new InMemoryEscalationPolicyRepository();
  private final ResponderDirectory responders = new InMemoryResponderDirectory();
  private final ScheduleRepository schedules = ScheduleRepository.inMemory();

  private ObsKit kit(Store store) {
    return ObsKit.builder().setClock(clock).setConfig(ConfigProperties.of(Map.of())).setStore(store)
        .addModule(OnCallModule::create)
        .addModule(ctx -> IncidentsModule.create(ctx, IncidentsConfig.builder()
            .setDriverEnabled(false).build()))
        .build().start();
  }

  private Store storeWithEveryRepository() {
    return Store.inMemory(Map.of(IncidentRepository.class, incidents, ServiceCatalog.class, catalog,
        EscalationPolicyRepository.class, policies, ResponderDirectory.class, responders,
        ScheduleRepository.class, schedules));
  }

  @Test
  void create_takesEveryRepositoryFromTheStore() {
    try (ObsKit kit = kit(storeWithEveryRepository())) {
      IncidentsModule m = kit.module(IncidentsModule.class);
      IncidentId id = m.incidents().open(IncidentDraft.manual(TEAM, "db slow", Severity.SEV2, null,
          null, "host")).incident().orElseThrow().id();
      m.catalog().add(Service.of(TEAM, ServiceId.of("api"), "api", EscalationPolicyId.of("p")));
      m.policies().add(EscalationPolicy.builder(TEAM, EscalationPolicyId.of("p"), "Primary")
          .addStep(Duration.ofMinutes(5), new EscalationTarget.OnCall(ScheduleId.of("s"))).build());
      m.responders().put(new Responder(UserId.of("alice"), TEAM, "Alice", List.of()));

      assertThat(m.incidents().repository()).isSameAs(incidents);
      assertThat(incidents.find(TEAM, id)).isPresent();
      assertThat(catalog.find(TEAM, ServiceId.of("api"))).isPresent();
      assertThat(policies.find(TEAM, EscalationPolicyId.of("p"))).isPresent();
      assertThat(responders.find(TEAM, UserId.of("alice"))).isPresent();
      assertThat(kit.module(OnCallModule.class).schedules()).isNotNull();
      assertThat(kit.context().repository(ScheduleRepository.class, () -> null)).isSameAs(schedules);
    }
  }

  @Test
  void linkSecret_comesFromTheStoresKeys_soALinkOutlivesTheKit() {
    Store shared = storeWithEveryRepository();
    StoredKeys keys = shared.keys();
    Store first = storeSharingKeys(keys);
    Store second = storeSharingKeys(keys);
    String token;
    IncidentId id;
    try (ObsKit kit = kit(first)) {
      IncidentsModule m = kit.module(IncidentsModule.class);
      id = m.incidents().open(IncidentDraft.manual(TEAM, "x", Severity.SEV2, null, null, "host"))
          .incident().orElseThrow().id();
      String url = m.links().link(ActionLinks.Action.ACKNOWLEDGE, TEAM, id);
      token = url.substring(url.indexOf("token=") + 6);
    }

    try (ObsKit kit = kit(second)) {
      IncidentsModule m = kit.module(IncidentsModule.class);
      assertThat(m.applyLink(ActionLinks.Action.ACKNOWLEDGE, TEAM, id, token, "user:alice")
          .isApplied()).isTrue();
    }
    try (ObsKit kit = kit(Store.inMemory(Map.of(IncidentRepository.class, incidents)))) {
      assertThat(kit.module(IncidentsModule.class).links()
          .verify(ActionLinks.Action.ACKNOWLEDGE, TEAM, id, token))
          .as("a store with other keys must not accept the link").isFalse();
    }
  }

  /** A store over this test's repositories whose keys are {@code keys}, like a restarted database. */
  private Store storeSharingKeys(StoredKeys keys) {
    Store repos = storeWithEveryRepository();
    return new Store() {
      @Override
      public <R> Optional<R> repository(Class<R> type) {
        return repos.repository(type);
      }

      @Override
      public StoredKeys keys() {
        return keys;
      }

      @Override
      public boolean durable() {
        return true;
      }
    };
  }
}
