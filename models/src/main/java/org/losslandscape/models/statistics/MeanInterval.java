package org.losslandscape.models.statistics;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The mean of repeated measurements with a two-sided 95% confidence interval from Student's t
 * distribution. With one measurement the interval is the point itself and {@code n == 1} says so.
 *
 * <p>Non-finite measurements are handled explicitly, never by accident of arithmetic: if any value
 * is NaN, mean and bounds are NaN; otherwise, if any is infinite, the mean is that infinity (or NaN
 * when both signs occur) and the bounds are NaN, because no t-interval exists. {@link #finite()}
 * tells the two cases apart from an ordinary interval.
 *
 * @param mean sample mean
 * @param lower lower end of the 95% interval
 * @param upper upper end of the 95% interval
 * @param n number of measurements
 */
public record MeanInterval(double mean, double lower, double upper, int n) {

  /** Mean and 95% interval of {@code values}. */
  public static MeanInterval of(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values to summarize");
    }
    boolean nan = false;
    boolean plusInfinity = false;
    boolean minusInfinity = false;
    for (double v : values) {
      nan |= Double.isNaN(v);
      plusInfinity |= v == Double.POSITIVE_INFINITY;
      minusInfinity |= v == Double.NEGATIVE_INFINITY;
    }
    if (nan || plusInfinity || minusInfinity) {
      double mean =
          nan || (plusInfinity && minusInfinity)
              ? Double.NaN
              : plusInfinity ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      return new MeanInterval(mean, Double.NaN, Double.NaN, n);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n == 1) {
      return new MeanInterval(mean, mean, mean, 1);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double standardError = Math.sqrt(ss / (n - 1) / n);
    double t = tQuantile975(n - 1);
    return new MeanInterval(mean, mean - t * standardError, mean + t * standardError, n);
  }

  /** The 0.975 quantile of Student's t with {@code df} degrees of freedom (Commons Statistics). */
  static double tQuantile975(int df) {
    return TDistribution.of(df).inverseCumulativeProbability(0.975);
  }

  /** Half the interval's width, for error bars. */
  public double halfWidth() {
    return (upper - lower) / 2;
  }

  /** True when the mean and both bounds are finite numbers. */
  public boolean finite() {
    return Double.isFinite(mean) && Double.isFinite(lower) && Double.isFinite(upper);
  }

  /**
   * True when both intervals are finite and do not overlap, the only case in which we state an
   * ordering.
   */
  public boolean separatedFrom(MeanInterval other) {
    return finite() && other.finite() && (upper < other.lower || other.upper < lower);
  }
}
