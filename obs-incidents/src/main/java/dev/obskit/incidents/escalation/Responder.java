package dev.obskit.incidents.escalation;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.Urgency;
import java.util.List;
import java.util.Objects;

/**
 * A person who can be paged: team member with contact methods. Immutable.
 *
 * @param user the user id
 * @param teamId the team they belong to
 * @param name display name used on timelines and in messages
 * @param contacts contact methods in the order they are tried
 */
public record Responder(UserId user, TeamId teamId, String name, List<ContactMethod> contacts) {
  /** Validates and copies the components. */
  public Responder {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(name, "name");
    contacts = List.copyOf(contacts);
  }

  /** Returns the contact methods configured for {@code urgency}, in order. */
  public List<ContactMethod> contactsFor(Urgency urgency) {
    return contacts.stream().filter(c -> c.urgencies().contains(urgency)).toList();
  }
}
