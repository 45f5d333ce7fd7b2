package dev.obskit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.money.Money;
import dev.obskit.billing.period.BillingPeriod;
import dev.obskit.billing.pricing.Invoice;
import dev.obskit.billing.pricing.InvoiceId;
import dev.obskit.billing.pricing.InvoiceLine;
import dev.obskit.billing.pricing.InvoiceRepository;
import dev.obskit.billing.pricing.LineType;
import dev.obskit.billing.subscription.SubscriptionId;
import dev.obskit.core.id.TeamId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link InvoiceRepository}, run on memory, H2 and PostgreSQL. */
abstract class InvoiceRepositoryContract extends ContractBase {
  InvoiceRepository repo;
  TeamId team;

  @BeforeEach
  void setUp() {
    repo = repository(InvoiceRepository.class, InvoiceRepository::inMemory);
    team = freshTeam();
  }

  static Invoice invoice(TeamId t, String id, YearMonth month, String total) {
    BillingPeriod period = new BillingPeriod(month, ZoneId.of("America/New_York"));
    InvoiceLine line = new InvoiceLine("team", LineType.RECURRING, "Plan", "month", BigDecimal.ONE,
        BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal(total), new BigDecimal("0.5000"),
        Money.of(total, "USD"));
    return new Invoice(InvoiceId.of(id), t, 1, SubscriptionId.of("s"), "b", 3, period, List.of(line),
        Money.of(total, "USD"), Instant.parse("2026-04-01T00:00:00.5Z"));
  }

  @Test
  void save_storesVersionOne_thenTheNextVersion_exactAmounts() {
    Invoice first = repo.save(invoice(team, "inv-1", YearMonth.of(2026, 3), "10.50"));
    Invoice again = repo.save(invoice(team, "inv-1", YearMonth.of(2026, 3), "12.00"));

    assertThat(first.version()).isEqualTo(1);
    assertThat(again.version()).isEqualTo(2);
    Invoice stored = repo.find(team, InvoiceId.of("inv-1")).orElseThrow();
    assertThat(stored).isEqualTo(again);
    assertThat(stored.total()).isEqualTo(Money.of("12.00", "USD"));
    assertThat(stored.lines().get(0).proration()).isEqualTo(new BigDecimal("0.5000"));
  }

  @Test
  void forMonth_andFindByTeam_areScoped() {
    repo.save(invoice(team, "inv-3", YearMonth.of(2026, 3), "1.00"));
    repo.save(invoice(team, "inv-4", YearMonth.of(2026, 4), "2.00"));
    TeamId other = freshTeam();
    repo.save(invoice(other, "inv-3", YearMonth.of(2026, 3), "3.00"));

    assertThat(repo.forMonth(YearMonth.of(2026, 3))).filteredOn(i -> i.teamId().equals(team))
        .extracting(i -> i.id().value()).containsExactly("inv-3");
    assertThat(repo.forMonth(YearMonth.of(2026, 3))).filteredOn(i -> i.teamId().equals(other))
        .hasSize(1);
    assertThat(repo.findByTeam(team)).hasSize(2);
    assertThat(repo.find(other, InvoiceId.of("inv-4"))).isEmpty();
    assertThat(repo.find(team, InvoiceId.of("inv-3")).orElseThrow().total())
        .isEqualTo(Money.of("1.00", "USD"));
  }
}
