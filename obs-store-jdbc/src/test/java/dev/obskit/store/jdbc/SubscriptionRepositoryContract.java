package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.billing.pricebook.PriceBook;
import dev.obskit.billing.pricebook.PriceBooks;
import dev.obskit.billing.pricebook.Region;
import dev.obskit.billing.subscription.Subscription;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.billing.subscription.SubscriptionRepository;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.store.DuplicateKeyException;
import dev.obskit.core.store.StaleVersionException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SubscriptionRepository}, run on memory, H2 and PostgreSQL. */
abstract class SubscriptionRepositoryContract extends ContractBase {
  static final PriceBook BOOK = PriceBooks.defaultBook();
  SubscriptionRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(SubscriptionRepository.class, SubscriptionRepository::inMemory);
    team = freshTeam();
  }

  Subscription subscription(TeamId t, String id) {
    return Subscription.create(SubscriptionId.of(id), t, BOOK, Region.US_EAST,
        ZoneId.of("Europe/Berlin"));
  }

  @Test
  void insertUpdateFind_roundTripsItemsAndZone() {
    Subscription s = repo.insert(subscription(team, "s1"));
    Subscription changed = repo.update(s.changePlan(BOOK, "team", Instant.parse("2026-01-01T00:00:00Z"))
        .withVersion(2));

    assertThat(repo.find(team, SubscriptionId.of("s1"))).contains(changed);
    assertThat(repo.findByTeam(team)).containsExactly(changed);
    assertThat(repo.all()).contains(changed);
  }

  @Test
  void insertTwice_isDuplicate_andStaleUpdateFails() {
    Subscription s = repo.insert(subscription(team, "s1"));
    repo.update(s.changePlan(BOOK, "team", Instant.parse("2026-01-01T00:00:00Z")).withVersion(2));

    assertThatThrownBy(() -> repo.insert(subscription(team, "s1")))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> repo.update(s.changePlan(BOOK, "team", Instant.parse("2026-02-01T00:00:00Z"))
        .withVersion(2)))
        .isInstanceOf(StaleVersionException.class);
  }

  @Test
  void teamIsolation() {
    repo.insert(subscription(team, "s1"));
    TeamId other = freshTeam();

    assertThat(repo.find(other, SubscriptionId.of("s1"))).isEmpty();
    assertThat(repo.findByTeam(other)).isEmpty();
  }
}
