package org.losslandscape.models.statistics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * Kendall's tau-b between paired values (e.g. every run's sharpness and its generalization gap),
 * with a two-sided permutation p-value and a 95% bootstrap percentile interval, both seeded so that
 * a study's verdict is repeatable.
 *
 * @param tau Kendall's tau-b (Commons Math); NaN when one side is constant
 * @param ci95Low 2.5% percentile of tau over bootstrap resamples of the pairs
 * @param ci95High 97.5% percentile
 * @param pValue share of label permutations with |tau| at least the observed one, (k + 1) / (B + 1)
 * @param n pairs
 * @param resamples permutations and bootstrap resamples drawn (each)
 */
public record RankCorrelationEstimate(
    double tau, double ci95Low, double ci95High, double pValue, int n, int resamples) {

  /** Resamples used when the caller has no reason to choose. */
  public static final int DEFAULT_RESAMPLES = 5_000;

  /**
   * The estimate for pairs {@code (x[i], y[i])}; needs at least three pairs of finite values.
   *
   * @param seed seeds the permutations and the bootstrap
   */
  public static RankCorrelationEstimate kendall(double[] x, double[] y, long seed, int resamples) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "rank correlation needs paired values, got " + x.length + " and " + y.length);
    }
    if (x.length < 3) {
      throw new IllegalArgumentException(
          "rank correlation needs at least three pairs, got " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("rank correlation needs finite values");
      }
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
    }
    KendallsCorrelation kendall = new KendallsCorrelation();
    double tau = kendall.correlation(x, y);
    int n = x.length;
    SplittableRandom random = new SplittableRandom(seed);

    int atLeastAsExtreme = 0;
    double[] permuted = y.clone();
    for (int b = 0; b < resamples; b++) {
      shuffle(permuted, random);
      double t = kendall.correlation(x, permuted);
      if (!Double.isNaN(tau) && Math.abs(t) >= Math.abs(tau) - 1e-12) {
        atLeastAsExtreme++;
      }
    }
    double pValue = Double.isNaN(tau) ? Double.NaN : (atLeastAsExtreme + 1.0) / (resamples + 1.0);

    double[] taus = new double[resamples];
    int valid = 0;
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(n);
        bx[i] = x[k];
        by[i] = y[k];
      }
      double t = kendall.correlation(bx, by);
      if (!Double.isNaN(t)) { // a resample that repeats one pair has no defined tau
        taus[valid++] = t;
      }
    }
    double low = Double.NaN;
    double high = Double.NaN;
    if (valid > 0) {
      double[] sorted = Arrays.copyOf(taus, valid);
      Arrays.sort(sorted);
      low = percentile(sorted, 0.025);
      high = percentile(sorted, 0.975);
    }
    return new RankCorrelationEstimate(tau, low, high, pValue, n, resamples);
  }

  /** True when the interval is finite and lies entirely above zero. */
  public boolean positive() {
    return Double.isFinite(ci95Low) && ci95Low > 0;
  }

  /** True when the interval is finite and lies entirely below zero. */
  public boolean negative() {
    return Double.isFinite(ci95High) && ci95High < 0;
  }

  private static void shuffle(double[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /** The linear-interpolation percentile of sorted values (type 7, as R's default). */
  static double percentile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
