package dev.obskit.incidents.config;

import dev.obskit.incidents.catalog.Service;
import dev.obskit.incidents.catalog.ServiceCatalog;
import dev.obskit.incidents.escalation.EscalationPolicy;
import dev.obskit.incidents.escalation.EscalationPolicyRepository;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.escalation.ResponderDirectory;
import dev.obskit.incidents.oncall.Schedule;
import dev.obskit.incidents.oncall.ScheduleService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Applies a definition to the stores, writing only what differs. Not thread-safe; one per apply. */
final class DefinitionApplier {
  private final ServiceCatalog catalog;
  private final EscalationPolicyRepository policies;
  private final ResponderDirectory responders;
  private final ScheduleService schedules;
  private final List<String> created = new ArrayList<>();
  private final List<String> updated = new ArrayList<>();
  private final List<String> unchanged = new ArrayList<>();

  DefinitionApplier(ServiceCatalog catalog, EscalationPolicyRepository policies,
      ResponderDirectory responders, ScheduleService schedules) {
    this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
    this.policies = java.util.Objects.requireNonNull(policies, "policies");
    this.responders = java.util.Objects.requireNonNull(responders, "responders");
    this.schedules = java.util.Objects.requireNonNull(schedules, "schedules");
  }

  ApplyReport apply(IncidentsDefinition d) {
    d.responders().forEach(this::responder);
    d.policies().forEach(this::policy);
    d.services().forEach(this::service);
    d.schedules().forEach(this::schedule);
    return new ApplyReport(created, updated, unchanged);
  }

  private void responder(Responder r) {
    String name = "responder/" + r.user().value();
    Optional<Responder> current = responders.find(r.teamId(), r.user());
    if (current.isPresent() && current.get().equals(r)) {
      unchanged.add(name);
      return;
    }
    responders.put(r);
    (current.isPresent() ? updated : created).add(name);
  }

  private void policy(EscalationPolicy p) {
    String name = "policy/" + p.id().value();
    Optional<EscalationPolicy> current = policies.find(p.teamId(), p.id());
    if (current.isEmpty()) {
      policies.add(p);
      created.add(name);
    } else if (withVersion(p, current.get().version()).equals(current.get())) {
      unchanged.add(name);
    } else {
      policies.update(withVersion(p, current.get().version() + 1));
      updated.add(name);
    }
  }

  private static EscalationPolicy withVersion(EscalationPolicy p, long version) {
    return new EscalationPolicy(p.id(), p.teamId(), version, p.name(), p.steps(), p.repeatCount(),
        p.urgencies(), p.zone());
  }

  private void service(Service s) {
    String name = "service/" + s.id().value();
    Optional<Service> current = catalog.find(s.teamId(), s.id());
    if (current.isEmpty()) {
      catalog.add(s);
      created.add(name);
    } else if (withVersion(s, current.get().version()).equals(current.get())) {
      unchanged.add(name);
    } else {
      catalog.update(withVersion(s, current.get().version() + 1));
      updated.add(name);
    }
  }

  private static Service withVersion(Service s, long version) {
    return new Service(s.id(), s.teamId(), version, s.name(), s.ownerTeam(),
        s.escalationPolicyId(), s.runbookUrl(), s.autoResolve(), s.components(), s.metadata());
  }

  private void schedule(Schedule s) {
    String name = "schedule/" + s.id().value();
    Optional<Schedule> current = schedules.find(s.teamId(), s.id());
    if (current.isEmpty()) {
      schedules.create(s);
      created.add(name);
      return;
    }
    Schedule cur = current.get();
    List<dev.obskit.incidents.oncall.ScheduleOverride> fromFile = cur.overrides().stream()
        .filter(o -> o.source().equals(IncidentsConfigFile.SOURCE)).toList();
    if (cur.name().equals(s.name()) && cur.zone().equals(s.zone())
        && cur.layers().equals(s.layers()) && fromFile.equals(s.overrides())) {
      unchanged.add(name);
      return;
    }
    Schedule.Builder b = cur.toBuilder().setName(s.name()).setZone(s.zone()).clearLayers()
        .retainOverrides(o -> !o.source().equals(IncidentsConfigFile.SOURCE));
    s.layers().forEach(b::addLayer);
    s.overrides().forEach(b::addOverride);
    schedules.update(b.build());
    updated.add(name);
  }
}
