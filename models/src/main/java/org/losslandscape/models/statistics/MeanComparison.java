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
   * Compares {@code a} with {@code b}; each needs at least two finite values. When neither group
   * varies at all (e.g. a sharpness that is 0 by construction), Welch's statistic is undefined:
   * equal constants then give p = 1 and different constants p = 0, the limits of the test.
   */
  public static MeanComparison welch(double[] a, double[] b) {
    requireUsable(a, "first");
    requireUsable(b, "second");
    double meanA = mean(a);
    double meanB = mean(b);
    if (constant(a) && constant(b)) {
      boolean equal = meanA == meanB;
      return new MeanComparison(
          meanA,
          meanB,
          a.length,
          b.length,
          equal ? 0 : Math.copySign(Double.POSITIVE_INFINITY, meanA - meanB),
          a.length + b.length - 2,
          equal ? 1 : 0);
    }
    TTest.Result r = WELCH.test(a, b);
    return new MeanComparison(
        meanA, meanB, a.length, b.length, r.getStatistic(), r.getDegreesOfFreedom(), r.getPValue());
  }

  private static boolean constant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Welch's 95% interval of the first mean minus the second: the difference plus or minus the 97.5%
   * t quantile at the Welch-Satterthwaite degrees of freedom times the standard error. Needs at
   * least two values in each group; with two constant groups it is the difference itself.
   */
  public static double[] differenceInterval(double[] a, double[] b) {
    requireUsable(a, "first");
    requireUsable(b, "second");
    double va = variance(a) / a.length;
    double vb = variance(b) / b.length;
    double diff = mean(a) - mean(b);
    double se = Math.sqrt(va + vb);
    if (se == 0) {
      return new double[] {diff, diff};
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    double t =
        org.apache.commons.statistics.distribution.TDistribution.of(df)
            .inverseCumulativeProbability(0.975);
    return new double[] {diff - t * se, diff + t * se};
  }

  private static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
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
