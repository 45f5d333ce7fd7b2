package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.cost.ChargeCategory;
import dev.obskit.billing.cost.CostRecord;
import dev.obskit.billing.cost.CostRepository;
import dev.obskit.billing.cost.CostSource;
import dev.obskit.billing.cost.UpsertOutcome;
import dev.obskit.billing.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CostRepository} (costs are the host's own, not team scoped), run on
 * memory, H2 and PostgreSQL; each test uses its own provider account.
 */
abstract class CostRepositoryContract extends ContractBase {
  static final LocalDate MAR_3 = LocalDate.of(2026, 3, 3);
  CostRepository repo;
  String account;

  @BeforeEach
  void setUp() {
    repo = repository(CostRepository.class, CostRepository::inMemory);
    account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
  }

  CostRecord cost(String service, LocalDate date, String amount, String note) {
    return new CostRecord("digitalocean", account, service, "", date, ChargeCategory.USAGE,
        Money.of(amount, "USD"), CostSource.API, Instant.parse("2026-03-04T01:00:00Z"), note);
  }

  @Test
  void upsert_insertsThenIgnoresSameFigures_thenUpdatesWithVersionBump() {
    CostRecord first = cost("droplets", MAR_3, "12.34", "");

    assertThat(repo.upsert(first)).isEqualTo(UpsertOutcome.INSERTED);
    assertThat(repo.upsert(first)).isEqualTo(UpsertOutcome.UNCHANGED);
    assertThat(repo.version(first.key())).isEqualTo(1);
    assertThat(repo.upsert(cost("droplets", MAR_3, "12.35", ""))).isEqualTo(UpsertOutcome.UPDATED);
    assertThat(repo.version(first.key())).isEqualTo(2);
    assertThat(repo.between(MAR_3, MAR_3)).filteredOn(c -> c.accountId().equals(account))
        .extracting(CostRecord::amount).containsExactly(Money.of("12.35", "USD"));
  }

  @Test
  void between_isInclusive_orderedByDate_andUniquePerNaturalKey() {
    repo.upsert(cost("volumes", MAR_3.plusDays(2), "1.00", ""));
    repo.upsert(cost("droplets", MAR_3, "2.00", ""));
    repo.upsert(cost("droplets", MAR_3.plusDays(1), "3.00", ""));
    repo.upsert(cost("droplets", MAR_3.plusDays(9), "4.00", ""));

    assertThat(repo.between(MAR_3, MAR_3.plusDays(2))).filteredOn(c -> c.accountId().equals(account))
        .extracting(CostRecord::date)
        .containsExactly(MAR_3, MAR_3.plusDays(1), MAR_3.plusDays(2));
    assertThat(repo.version(cost("absent", MAR_3, "1.00", "").key())).isZero();
  }
}
