package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.id.ProjectId;
import dev.obskit.core.id.TeamId;
import dev.obskit.errors.transaction.StoredTransaction;
import dev.obskit.errors.transaction.Transaction;
import dev.obskit.errors.transaction.TransactionId;
import dev.obskit.errors.transaction.TransactionRepository;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TransactionRepository}, run on memory, H2 and PostgreSQL, with the default
 * bound of {@link JdbcStore#DEFAULT_TRANSACTIONS_PER_PROJECT} per project on both.
 */
abstract class TransactionRepositoryContract extends ContractBase {
  static final ProjectId PROJECT = ProjectId.of("7");
  static final Instant T0 = Instant.parse("2026-11-22T04:00:00Z");
  TransactionRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(TransactionRepository.class,
        () -> TransactionRepository.inMemory(JdbcStore.DEFAULT_TRANSACTIONS_PER_PROJECT));
    team = freshTeam();
  }

  StoredTransaction tx(TeamId t, int n, String name, String trace) {
    String id = String.format("%032x", n);
    return new StoredTransaction(new TransactionId(id), t, 1, PROJECT, T0.plusSeconds(n),
        new Transaction(id, name, "http.server", trace, 3, T0.plusSeconds(n),
            T0.plusSeconds(n).plusMillis(250), "ok", "shop@1", "prod"));
  }

  @Test
  void save_onceOnly_findRoundTrips_andQueriesAreNewestFirst() {
    assertThat(repo.save(tx(team, 1, "GET /a", "t1"))).isTrue();
    assertThat(repo.save(tx(team, 1, "GET /a", "t1"))).isFalse();
    repo.save(tx(team, 2, "GET /b", "t1"));
    repo.save(tx(team, 3, "GET /a", "t2"));

    assertThat(repo.find(team, tx(team, 1, "GET /a", "t1").id())).contains(tx(team, 1, "GET /a", "t1"));
    assertThat(repo.byName(team, PROJECT, "GET /a", 10)).extracting(t -> t.transaction().traceId())
        .containsExactly("t2", "t1");
    assertThat(repo.byTrace(team, PROJECT, "t1", 10)).extracting(t -> t.transaction().name())
        .containsExactly("GET /b", "GET /a");
    assertThat(repo.latest(team, PROJECT, 2)).extracting(t -> t.transaction().name())
        .containsExactly("GET /a", "GET /b");
    assertThat(repo.latest(team, PROJECT, 0)).isEmpty();
  }

  @Test
  void teamIsolation() {
    repo.save(tx(team, 1, "GET /a", "t1"));
    TeamId other = freshTeam();

    assertThat(repo.find(other, tx(team, 1, "GET /a", "t1").id())).isEmpty();
    assertThat(repo.latest(other, PROJECT, 10)).isEmpty();
    assertThat(repo.byTrace(other, PROJECT, "t1", 10)).isEmpty();
  }
}
