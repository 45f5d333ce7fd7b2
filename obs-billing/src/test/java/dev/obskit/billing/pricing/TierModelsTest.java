package dev.obskit.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.billing.pricebook.PricingModel;
import dev.obskit.billing.pricebook.Tier;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The five tier models on hand-computed examples. */
class TierModelsTest {
  static final List<Tier> TIERS = List.of(Tier.upTo("1000", "0.05"), Tier.upTo("10000", "0.04"),
      Tier.rest("0.03"));

  @Test
  void graduated_15000Units() {
    // 1,000 x 0.05 = 50 + 9,000 x 0.04 = 360 + 5,000 x 0.03 = 150 -> 560
    assertThat(new PricingModel.Graduated(TIERS).amount(new BigDecimal("15000"))).isEqualByComparingTo("560");
  }

  @Test
  void volume_15000Units() {
    // all 15,000 at the third tier's 0.03 -> 450
    assertThat(new PricingModel.Volume(TIERS).amount(new BigDecimal("15000"))).isEqualByComparingTo("450");
  }

  @Test
  void volume_lagoExample_65000CallsAt0_0006PlusTen() {
    List<Tier> tiers = List.of(new Tier(java.util.Optional.of(new BigDecimal("10000")),
        new BigDecimal("0.001"), BigDecimal.ZERO), new Tier(java.util.Optional.empty(),
        new BigDecimal("0.0006"), BigDecimal.TEN));
    assertThat(new PricingModel.Volume(tiers).amount(new BigDecimal("65000"))).isEqualByComparingTo("49");
  }

  @Test
  void graduated_flatFeesOfEachReachedTier() {
    List<Tier> tiers = List.of(new Tier(java.util.Optional.of(new BigDecimal("10")), BigDecimal.ONE,
        new BigDecimal("5")), new Tier(java.util.Optional.empty(), new BigDecimal("0.5"), new BigDecimal("7")));
    assertThat(new PricingModel.Graduated(tiers).amount(new BigDecimal("10"))).isEqualByComparingTo("15");
    // 10 x 1 + 5 + 4 x 0.5 + 7 = 24
    assertThat(new PricingModel.Graduated(tiers).amount(new BigDecimal("14"))).isEqualByComparingTo("24");
    assertThat(new PricingModel.Graduated(tiers).amount(BigDecimal.ZERO)).isEqualByComparingTo("0");
  }

  @Test
  void package_fivePerHundred_firstHundredFreeViaIncluded() {
    // 201 units, 100 included -> 101 billable -> 2 blocks x 5 = 10
    assertThat(new PricingModel.Package(new BigDecimal("100"), new BigDecimal("5"))
        .amount(new BigDecimal("101"))).isEqualByComparingTo("10");
  }

  @Test
  void flat_chargesOnlyWhenUsed_perUnitMultiplies() {
    assertThat(new PricingModel.Flat(new BigDecimal("30")).amount(BigDecimal.ZERO)).isEqualByComparingTo("0");
    assertThat(new PricingModel.Flat(new BigDecimal("30")).amount(new BigDecimal("3"))).isEqualByComparingTo("30");
    assertThat(new PricingModel.PerUnit(new BigDecimal("0.00005")).amount(new BigDecimal("900000")))
        .isEqualByComparingTo("45");
  }

  @Test
  void averageUnitPrice_ofTieredLine() {
    assertThat(new PricingModel.Graduated(TIERS).unitPriceFor(new BigDecimal("15000")))
        .isEqualByComparingTo("0.037333333");
  }
}
