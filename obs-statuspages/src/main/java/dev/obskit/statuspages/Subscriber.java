package dev.obskit.statuspages;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.core.store.Aggregate;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Someone told about a page's reports and maintenance: by e-mail, SMS or webhook, for the whole
 * page or some resources. Confirmed through a double opt-in; only the SHA-256 of the verification
 * token is kept. {@link #toString()} hides the address. Immutable.
 *
 * @param id the subscriber
 * @param teamId the owning team
 * @param version optimistic version
 * @param pageId the page
 * @param channel {@link ChannelKind#EMAIL}, {@link ChannelKind#SMS} or {@link ChannelKind#WEBHOOK}
 * @param address e-mail address, E.164 phone number or https URL
 * @param resources resources of interest; empty means the whole page
 * @param incidents whether status reports are sent
 * @param maintenance whether maintenance notices are sent
 * @param confirmed whether the opt-in was confirmed
 * @param tokenHash hex SHA-256 of the pending verification token, empty once confirmed
 * @param tokenExpiresAt when the verification token expires
 * @param createdAt when the subscription was asked for
 */
public record Subscriber(SubscriberId id, TeamId teamId, long version, StatusPageId pageId,
    ChannelKind channel, String address, Set<ResourceId> resources, boolean incidents,
    boolean maintenance, boolean confirmed, String tokenHash, Instant tokenExpiresAt,
    Instant createdAt) implements Aggregate<SubscriberId> {

  /** Validates and copies. */
  public Subscriber {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(pageId, "pageId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    Objects.requireNonNull(createdAt, "createdAt");
    resources = Set.copyOf(Objects.requireNonNull(resources, "resources"));
  }

  /** Returns whether this subscriber wants news about {@code affected} (empty: page-wide news). */
  public boolean interestedIn(Set<ResourceId> affected) {
    return resources.isEmpty() || affected.isEmpty()
        || affected.stream().anyMatch(resources::contains);
  }

  Subscriber confirmedNow() {
    return new Subscriber(id, teamId, version + 1, pageId, channel, address, resources, incidents,
        maintenance, true, "", tokenExpiresAt, createdAt);
  }

  @Override
  public String toString() {
    return "Subscriber{" + id + ", " + channel + ", page " + pageId
        + (confirmed ? ", confirmed}" : ", pending}");
  }
}
