package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.notify.ChannelKind;
import dev.obskit.incidents.escalation.ContactMethod;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.escalation.ResponderDirectory;
import dev.obskit.incidents.store.InMemoryResponderDirectory;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ResponderDirectory}, run on memory, H2 and PostgreSQL. */
abstract class ResponderDirectoryContract extends ContractBase {
  ResponderDirectory directory;
  TeamId team;

  @BeforeEach
  void setUp() {
    directory = repository(ResponderDirectory.class, InMemoryResponderDirectory::new);
    team = freshTeam();
  }

  Responder responder(TeamId t, String user, String name) {
    return new Responder(UserId.of(user), t, name, List.of(
        ContactMethod.always(ChannelKind.SLACK, "@" + user),
        ContactMethod.highUrgency(ChannelKind.SMS, "+15555550100")));
  }

  @Test
  void put_replacesInPlace_membersInOrderAdded_perTeam() {
    directory.put(responder(team, "zed", "Zed"));
    directory.put(responder(team, "amy", "Amy"));
    directory.put(responder(team, "zed", "Zed Two"));

    assertThat(directory.members(team)).extracting(Responder::name).containsExactly("Zed Two", "Amy");
    assertThat(directory.find(team, UserId.of("amy"))).contains(responder(team, "amy", "Amy"));
    assertThat(directory.find(freshTeam(), UserId.of("amy"))).isEmpty();
    assertThat(directory.members(freshTeam())).isEmpty();
  }
}
