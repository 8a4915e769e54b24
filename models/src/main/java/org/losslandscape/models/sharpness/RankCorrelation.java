package org.losslandscape.models.sharpness;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * Kendall's tau-b rank correlation (Commons Math), for asking whether a sharpness measure orders
 * models the way their generalization gaps (or their learning-rate-to-batch ratios) do. For an
 * interval and a p-value, see {@link org.losslandscape.models.statistics.RankCorrelationEstimate}.
 */
public final class RankCorrelation {

  private RankCorrelation() {}

  /**
   * Tau-b of paired samples; NaN when there are fewer than two pairs or one side is constant.
   * Infinite values rank as ties with each other; NaN is refused.
   */
  public static double kendallTau(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "Kendall's tau needs paired samples, got " + x.length + " and " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        throw new IllegalArgumentException("Kendall's tau is undefined for NaN values");
      }
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    return new KendallsCorrelation().correlation(x, y);
  }
}
