package org.losslandscape.models.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.testing.ReferenceKendall;

/** Holm, Welch and the Kendall estimate against hand-computed values and slow references. */
class StatisticsTest {

  @Test
  void holmMatchesTheHandComputedAdjustment() {
    // Sorted: .005 .01 .01 .04 .5 .7, m = 6: 6(.005) = .03, 5(.01) = .05, 4(.01) = .04 -> .05
    // (running max), 3(.04) = .12, 2(.5) = 1, 1(.7) = .7 -> 1.
    double[] p = {0.005, 0.04, 0.01, 0.5, 0.01, 0.7};
    double[] q = Holm.adjust(p);
    assertThat(q[0]).isCloseTo(0.03, within(1e-12));
    assertThat(q[1]).isCloseTo(0.12, within(1e-12));
    assertThat(q[2]).isCloseTo(0.05, within(1e-12));
    assertThat(q[3]).isCloseTo(1.0, within(1e-12));
    assertThat(q[4]).isCloseTo(0.05, within(1e-12));
    assertThat(q[5]).isCloseTo(1.0, within(1e-12));
    assertThat(Holm.rejected(p, 0.05)).containsExactly(true, false, true, false, true, false);
    assertThatThrownBy(() -> Holm.adjust(new double[] {1.5})).hasMessageContaining("[0, 1]");
  }

  @Property(tries = 200)
  void holmIsMonotoneAndNeverBelowTheRawValue(
      @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = 0, max = 1) Double> values) {
    double[] p = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] q = Holm.adjust(p);
    for (int i = 0; i < p.length; i++) {
      assertThat(q[i]).isBetween(p[i], 1.0);
      for (int j = 0; j < p.length; j++) {
        if (p[i] <= p[j]) {
          assertThat(q[i]).isLessThanOrEqualTo(q[j]);
        }
      }
      // Never more lenient than Bonferroni's m p, never stricter than p itself.
      assertThat(q[i]).isLessThanOrEqualTo(Math.min(1, p.length * p[i]) + 1e-15);
    }
  }

  @Test
  void welchMatchesAHandComputedExample() {
    // a = 1,2,3,4: mean 2.5, var 5/3; b = 6,8,10: mean 8, var 4.
    // se^2 = (5/3)/4 + 4/3 = 1.75, t = -5.5 / sqrt(1.75) = -4.1576;
    // df = 1.75^2 / ((5/12)^2 / 3 + (4/3)^2 / 2) = 3.0625 / 0.946759 = 3.2347.
    MeanComparison c = MeanComparison.welch(new double[] {1, 2, 3, 4}, new double[] {6, 8, 10});
    assertThat(c.statistic()).isCloseTo(-4.1576, within(1e-4));
    assertThat(c.degreesOfFreedom()).isCloseTo(3.2347, within(1e-4));
    assertThat(c.pValue()).isBetween(0.01, 0.05);
    assertThat(c.firstIsLower()).isTrue();
    // Groups that do not vary: the limits of the test, never NaN.
    assertThat(MeanComparison.welch(new double[] {0, 0}, new double[] {0, 0, 0}).pValue())
        .isEqualTo(1);
    assertThat(MeanComparison.welch(new double[] {0, 0}, new double[] {1, 1}).pValue()).isZero();
    assertThat(MeanComparison.welch(new double[] {0, 0}, new double[] {1, 2}).pValue())
        .isBetween(0.0, 1.0);
    assertThatThrownBy(() -> MeanComparison.welch(new double[] {1}, new double[] {1, 2}))
        .hasMessageContaining("at least two values");
    assertThatThrownBy(
            () ->
                MeanComparison.welch(
                    new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 2}))
        .hasMessageContaining("not finite");
  }

  @Test
  void kendallEstimateAgreesWithTheReferenceAndIsRepeatable() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] y = {2, 1, 4, 3, 6, 5, 8, 7};
    RankCorrelationEstimate e = RankCorrelationEstimate.kendall(x, y, 11, 2000);
    assertThat(e.tau()).isCloseTo(ReferenceKendall.kendallTau(x, y), within(1e-12));
    // 28 pairs: the four swapped neighbours are discordant, the rest concordant: (24 - 4) / 28.
    assertThat(e.tau()).isCloseTo(20.0 / 28, within(1e-12));
    assertThat(e).isEqualTo(RankCorrelationEstimate.kendall(x, y, 11, 2000));
    assertThat(e.ci95Low()).isLessThanOrEqualTo(e.tau());
    assertThat(e.ci95High()).isGreaterThanOrEqualTo(e.tau());
    // The normal approximation gives z = (20/28) / sqrt(2 (2n + 5) / (9 n (n - 1))) = 2.47,
    // p = 0.013; the permutation p-value is of that size.
    assertThat(e.pValue()).isBetween(0.003, 0.05);
    assertThat(e.positive()).isTrue();
    assertThat(e.negative()).isFalse();
  }

  @Test
  void percentilesInterpolateAsRsDefault() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(RankCorrelationEstimate.percentile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
    assertThat(RankCorrelationEstimate.percentile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
    assertThat(RankCorrelationEstimate.percentile(sorted, 0.5)).isEqualTo(3);
  }

  @Test
  void theBootstrapIntervalHasTheWidthTheNormalApproximationPredicts() {
    // For unrelated values, sd(tau) ~ sqrt(2 (2n + 5) / (9 n (n - 1))): 0.248 at n = 10, so the
    // 95% interval spans about 4 x 0.248 = 1.0 (the bootstrap's is somewhat wider).
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = {5, 9, 1, 7, 3, 10, 2, 8, 4, 6};
    RankCorrelationEstimate e = RankCorrelationEstimate.kendall(x, y, 3, 4000);
    assertThat(e.ci95High() - e.ci95Low()).isBetween(0.8, 1.4);
  }

  @Test
  void kendallEstimateOfUnrelatedValuesIsNotSignificant() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = {5, 9, 1, 7, 3, 10, 2, 8, 4, 6};
    RankCorrelationEstimate e = RankCorrelationEstimate.kendall(x, y, 3, 2000);
    assertThat(e.pValue()).isGreaterThan(0.2);
    assertThat(e.ci95Low()).isLessThan(0).isLessThan(e.tau());
    assertThat(e.ci95High()).isGreaterThan(0);
    assertThat(e.positive()).isFalse();
    assertThat(e.negative()).isFalse();
  }

  @Test
  void kendallEstimateRefusesTooFewOrNonFinitePairs() {
    assertThatThrownBy(
            () -> RankCorrelationEstimate.kendall(new double[] {1, 2}, new double[] {1, 2}, 1, 10))
        .hasMessageContaining("three pairs");
    assertThatThrownBy(
            () ->
                RankCorrelationEstimate.kendall(
                    new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3}, 1, 10))
        .hasMessageContaining("finite");
    RankCorrelationEstimate constant =
        RankCorrelationEstimate.kendall(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 1, 10);
    assertThat(constant.tau()).isNaN();
    assertThat(constant.pValue()).isNaN();
  }
}
