package dev.obskit.incidents.catalog;

import dev.obskit.core.id.EscalationPolicyId;
import dev.obskit.core.id.ServiceId;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.Aggregate;
import dev.obskit.core.store.Versioned;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A catalog entry: something the team runs and gets paged for (PagerDuty's "service"). Immutable.
 *
 * @param id the service id
 * @param teamId the team whose catalog it is in
 * @param version optimistic-locking version
 * @param name display name, also matched against an alert's component (case-insensitive)
 * @param ownerTeam the team that owns and answers for it
 * @param escalationPolicyId the policy its incidents follow, or null to open incidents unpaged
 * @param runbookUrl a runbook link shown in notifications, or empty
 * @param autoResolve whether a resolve alert resolves the open incident (PagerDuty's default)
 * @param components other component names that map to this service, lowercase
 * @param metadata free-form facts (tier, repository, slack channel)
 */
public record Service(ServiceId id, TeamId teamId, long version, String name, TeamId ownerTeam,
    EscalationPolicyId escalationPolicyId, String runbookUrl, boolean autoResolve,
    Set<String> components, Map<String, String> metadata) implements Aggregate<ServiceId> {

  /** Validates and copies the components. */
  public Service {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("service name must not be blank for " + id);
    }
    Objects.requireNonNull(ownerTeam, "ownerTeam");
    Objects.requireNonNull(runbookUrl, "runbookUrl");
    TreeSet<String> lower = new TreeSet<>();
    components.forEach(c -> lower.add(c.toLowerCase(Locale.ROOT)));
    components = Collections.unmodifiableSet(lower);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Returns a new version-1 service owned by its own team, auto-resolving, without extras. */
  public static Service of(TeamId teamId, ServiceId id, String name, EscalationPolicyId policy) {
    return new Service(id, teamId, Versioned.INITIAL_VERSION, name, teamId, policy, "", true,
        Set.of(), Map.of());
  }

  /** Returns a copy with the runbook URL. */
  public Service withRunbook(String url) {
    return new Service(id, teamId, version, name, ownerTeam, escalationPolicyId, url, autoResolve,
        components, metadata);
  }

  /** Returns a copy with auto-resolve set. */
  public Service withAutoResolve(boolean enabled) {
    return new Service(id, teamId, version, name, ownerTeam, escalationPolicyId, runbookUrl, enabled,
        components, metadata);
  }

  /** Returns a copy that also answers to {@code more} component names. */
  public Service withComponents(Set<String> more) {
    TreeSet<String> all = new TreeSet<>(components);
    all.addAll(more);
    return new Service(id, teamId, version, name, ownerTeam, escalationPolicyId, runbookUrl,
        autoResolve, all, metadata);
  }

  /** Returns a copy with the metadata replaced. */
  public Service withMetadata(Map<String, String> meta) {
    return new Service(id, teamId, version, name, ownerTeam, escalationPolicyId, runbookUrl,
        autoResolve, components, meta);
  }

  /** Returns the next version of this entry, for an update. */
  public Service nextVersion() {
    return new Service(id, teamId, version + 1, name, ownerTeam, escalationPolicyId, runbookUrl,
        autoResolve, components, metadata);
  }

  /** Returns whether an alert's component names this service. */
  public boolean answersTo(String component) {
    String c = component.toLowerCase(Locale.ROOT);
    return !c.isEmpty() && (name.toLowerCase(Locale.ROOT).equals(c) || components.contains(c));
  }
}
