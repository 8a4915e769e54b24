package org.losslandscape.models.statistics;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Welch's two-sided t-test of the difference between the means of two independent groups (e.g. the
 * per-seed sharpness of two recipes), with unequal variances allowed.
 *
 * @param meanA mean of the first group
 * @param meanB mean of the second group
 * @param sizeA values in the first group
 * @param sizeB values in the second group
 * @param statistic Welch's t
 * @param degreesOfFreedom Welch-Satterthwaite degrees of freedom
 * @param pValue two-sided p-value of "the means are equal"
 */
public record MeanComparison(
    double meanA,
    double meanB,
    int sizeA,
    int sizeB,
    double statistic,
    double degreesOfFreedom,
    double pValue) {

  private static final TTest WELCH =
      TTest.withDefaults()
          .with(DataDispersion.HETEROSCEDASTIC)
          .with(AlternativeHypothesis.TWO_SIDED);

  /**
   * Compares {@code a} with {@code b}; each needs at least two finite values and a spread that is
   * not zero in both.
   */
  public static MeanComparison welch(double[] a, double[] b) {
    requireUsable(a, "first");
    requireUsable(b, "second");
    TTest.Result r = WELCH.test(a, b);
    return new MeanComparison(
        mean(a),
        mean(b),
        a.length,
        b.length,
        r.getStatistic(),
        r.getDegreesOfFreedom(),
        r.getPValue());
  }

  /** True when the first group's mean is the lower one. */
  public boolean firstIsLower() {
    return meanA < meanB;
  }

  private static void requireUsable(double[] values, String which) {
    if (values.length < 2) {
      throw new IllegalArgumentException(
          "the " + which + " group needs at least two values, got " + values.length);
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "the " + which + " group holds a value that is not finite");
      }
    }
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
