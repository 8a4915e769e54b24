package org.losslandscape.models.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The mean and its Student-t interval, against printed t tables. */
class MeanIntervalTest {

  @Test
  void meanIntervalUsesStudentT() {
    MeanInterval m = MeanInterval.of(new double[] {1, 2, 3});
    // mean 2, sd 1, se 1/sqrt(3), t(2) = 4.3027 (printed tables)
    assertThat(m.mean()).isEqualTo(2);
    assertThat(m.halfWidth()).isCloseTo(4.3027 / Math.sqrt(3), within(1e-4));
    assertThat(MeanInterval.of(new double[] {5}).halfWidth()).isZero();
    assertThat(m.separatedFrom(MeanInterval.of(new double[] {10, 11, 12}))).isTrue();
    assertThat(m.separatedFrom(MeanInterval.of(new double[] {2, 3, 4}))).isFalse();
    // n = 2: t(1) = 12.7062; t(39) = 2.0227, t(120) = 1.9799 (printed tables).
    assertThat(MeanInterval.of(new double[] {0, 2}).halfWidth()).isCloseTo(12.7062, within(1e-4));
    assertThat(MeanInterval.tQuantile975(39)).isCloseTo(2.0227, within(2e-4));
    assertThat(MeanInterval.tQuantile975(120)).isCloseTo(1.9799, within(2e-4));
    assertThat(MeanInterval.tQuantile975(31)).isLessThan(MeanInterval.tQuantile975(30));
  }

  @Test
  void meanIntervalHandlesNonFiniteValuesExplicitly() {
    MeanInterval inf = MeanInterval.of(new double[] {1, Double.POSITIVE_INFINITY, 2});
    assertThat(inf.mean()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(inf.lower()).isNaN();
    assertThat(inf.upper()).isNaN();
    assertThat(inf.n()).isEqualTo(3);
    assertThat(inf.finite()).isFalse();
    assertThat(inf.separatedFrom(MeanInterval.of(new double[] {0, 0.1}))).isFalse();
    assertThat(MeanInterval.of(new double[] {Double.NEGATIVE_INFINITY, 1}).mean())
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(
            MeanInterval.of(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
                .mean())
        .isNaN();
    assertThat(MeanInterval.of(new double[] {Double.NaN, 1}).mean()).isNaN();
    assertThat(MeanInterval.of(new double[] {1, 2}).finite()).isTrue();
  }
}
