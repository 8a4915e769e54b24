package org.losslandscape.models.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.testing.ReferenceKendall;

/** Commons Math's Kendall tau-b, as the tool uses it, against the slow reference count. */
class KendallTauTest {

  private static double kendall(double[] x, double[] y) {
    return x.length < 2
        ? Double.NaN
        : new org.apache.commons.math3.stat.correlation.KendallsCorrelation().correlation(x, y);
  }

  @Property(tries = 200)
  void commonsMathAgreesWithTheSlowReference(
      @ForAll @Size(min = 2, max = 12) List<@DoubleRange(min = -5, max = 5) Double> xs,
      @ForAll @Size(min = 12, max = 12) List<@DoubleRange(min = -5, max = 5) Double> ys) {
    double[] x = xs.stream().mapToDouble(v -> Math.rint(v)).toArray(); // rounding makes ties
    double[] y = ys.stream().limit(x.length).mapToDouble(v -> Math.rint(v)).toArray();
    double expected = ReferenceKendall.kendallTau(x, y);
    if (Double.isNaN(expected)) {
      assertThat(kendall(x, y)).isNaN();
    } else {
      assertThat(kendall(x, y)).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void knownValues() {
    assertThat(kendall(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
    assertThat(kendall(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
    // One swapped pair of six: (5 - 1) / 6.
    assertThat(kendall(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}))
        .isCloseTo(4.0 / 6, within(1e-12));
    assertThat(kendall(new double[] {1, 1}, new double[] {1, 2})).isNaN();
    // Ties on both sides (tau-b): x = [1,1,2,3], y = [1,2,2,3]: C = 4, D = 0, ties 1 and 1 of 6.
    assertThat(kendall(new double[] {1, 1, 2, 3}, new double[] {1, 2, 2, 3}))
        .isCloseTo(4 / Math.sqrt(5 * 5), within(1e-12));
    // Infinite sharpness ranks as a tie with other infinities, exactly like a large finite value.
    double inf = Double.POSITIVE_INFINITY;
    assertThat(kendall(new double[] {1, 2, inf, inf}, new double[] {1, 2, 3, 4}))
        .isCloseTo(
            kendall(new double[] {1, 2, 1e9, 1e9}, new double[] {1, 2, 3, 4}), within(1e-12));
    assertThat(kendall(new double[] {1}, new double[] {2})).isNaN();
  }

  @Property(tries = 50)
  void invariantUnderIncreasingMapsAndAntisymmetricUnderReversal(
      @ForAll @Size(min = 2, max = 8) List<@DoubleRange(min = -1e6, max = 1e6) Double> values) {
    double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] doubled =
        java.util.Arrays.stream(x).map(v -> 2 * v).toArray(); // exact, strictly increasing
    double[] negated = java.util.Arrays.stream(x).map(v -> -v).toArray();
    double tau = kendall(x, doubled);
    if (java.util.Arrays.stream(x).distinct().count() > 1) {
      assertThat(tau).isCloseTo(1.0, within(1e-12));
      assertThat(kendall(x, negated)).isCloseTo(-1.0, within(1e-12));
    } else {
      assertThat(tau).isNaN();
    }
  }
}
