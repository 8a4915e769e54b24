package org.losslandscape.models.statistics;

import java.util.SplittableRandom;

/**
 * Kendall's tau between a measure and a generalization gap over hyperparameter settings (each
 * setting one point, its seeds already averaged), with a permutation test of "no association": the
 * share of orderings of the gaps whose |tau| is at least the observed one. With at most {@link
 * #EXACT_UP_TO} settings every ordering is enumerated (exact); with more, {@code draws} random
 * orderings are drawn and p = (k + 1) / (draws + 1).
 *
 * <p>Tau is the tau-a of the pairs, sum over pairs of sign(dx) sign(dy) divided by the number of
 * pairs (ties count 0), the statistic of Jiang et al. (2019). The smallest p the test can give
 * matters as much as p: with 4 settings only 2 of the 24 orderings reach |tau| = 1, so p >= 1/12
 * and no result can be significant at 0.05. {@link #smallestP} says so before anyone reads p.
 *
 * @param tau Kendall's tau-a
 * @param pValue two-sided permutation p
 * @param smallestP the smallest p this test could have given for these values: the share of
 *     orderings that reach the largest |tau| possible (exact), or 1 / (draws + 1)
 * @param settings the number of settings
 * @param exact whether every ordering was enumerated
 */
public record SettingsKendall(
    double tau, double pValue, double smallestP, int settings, boolean exact) {

  /** Settings up to which every ordering is enumerated (8! = 40,320 orderings). */
  public static final int EXACT_UP_TO = 8;

  /** Random orderings drawn beyond {@link #EXACT_UP_TO} settings. */
  public static final int DEFAULT_DRAWS = 20_000;

  /** The test for {@code measure[i]} and {@code gap[i]} of setting i. */
  public static SettingsKendall test(double[] measure, double[] gap, long seed, int draws) {
    if (measure.length != gap.length) {
      throw new IllegalArgumentException(
          "need one measure and one gap per setting, got " + measure.length + " and " + gap.length);
    }
    int k = measure.length;
    if (k < 2) {
      throw new IllegalArgumentException("Kendall's tau needs at least two settings, got " + k);
    }
    for (int i = 0; i < k; i++) {
      if (!Double.isFinite(measure[i]) || !Double.isFinite(gap[i])) {
        throw new IllegalArgumentException("Kendall's tau needs finite values");
      }
    }
    double tau = tauA(measure, gap);
    if (k <= EXACT_UP_TO) {
      int[] order = new int[k];
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      double[] permuted = new double[k];
      // Heap's algorithm visits every ordering once: the first pass finds the largest |tau| any
      // ordering reaches, the second counts the orderings at least as extreme as the observed one
      // and those at the largest.
      double[] largest = {0};
      permutations(
          order.clone(),
          p ->
              largest[0] =
                  Math.max(largest[0], Math.abs(tauA(measure, permute(gap, p, permuted)))));
      long[] counts = new long[3]; // orderings, at least as extreme as observed, at the largest
      permutations(
          order.clone(),
          p -> {
            double t = Math.abs(tauA(measure, permute(gap, p, permuted)));
            counts[0]++;
            if (t >= Math.abs(tau) - 1e-12) {
              counts[1]++;
            }
            if (t >= largest[0] - 1e-12) {
              counts[2]++;
            }
          });
      return new SettingsKendall(
          tau, (double) counts[1] / counts[0], (double) counts[2] / counts[0], k, true);
    }
    if (draws < 1) {
      throw new IllegalArgumentException("draws must be >= 1, got " + draws);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] permuted = gap.clone();
    int atLeast = 0;
    for (int b = 0; b < draws; b++) {
      for (int i = k - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double t = permuted[i];
        permuted[i] = permuted[j];
        permuted[j] = t;
      }
      if (Math.abs(tauA(measure, permuted)) >= Math.abs(tau) - 1e-12) {
        atLeast++;
      }
    }
    return new SettingsKendall(tau, (atLeast + 1.0) / (draws + 1.0), 1.0 / (draws + 1.0), k, false);
  }

  /**
   * The 2.5% and 97.5% percentiles of tau over settings when each setting's seeds are resampled
   * with replacement ({@code resamples} times) and averaged again: how much tau owes to which seeds
   * were drawn.
   *
   * @param measure each setting's per-seed measure values
   * @param gap each setting's per-seed gaps, the same seeds in the same order
   */
  public static double[] seedBootstrap(
      java.util.List<double[]> measure, java.util.List<double[]> gap, long seed, int resamples) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] taus = new double[resamples];
    double[] m = new double[measure.size()];
    double[] g = new double[measure.size()];
    for (int b = 0; b < resamples; b++) {
      SeedResample.draw(random, measure, gap, m, g);
      taus[b] = tauA(m, g);
    }
    java.util.Arrays.sort(taus);
    return new double[] {
      RankCorrelationEstimate.percentile(taus, 0.025),
      RankCorrelationEstimate.percentile(taus, 0.975)
    };
  }

  /** True when even the most extreme ordering could not reach {@code alpha}. */
  public boolean untestableAt(double alpha) {
    return smallestP > alpha;
  }

  /** Kendall's tau-a: mean over pairs of sign(x_i - x_j) sign(y_i - y_j). */
  public static double tauA(double[] x, double[] y) {
    int n = x.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
      }
    }
    return sum / (n * (n - 1) / 2.0);
  }

  private static double[] permute(double[] values, int[] order, double[] into) {
    for (int i = 0; i < order.length; i++) {
      into[i] = values[order[i]];
    }
    return into;
  }

  private interface PermutationVisitor {
    void visit(int[] permutation);
  }

  /** Heap's algorithm, iterative: every permutation of {@code a} exactly once. */
  private static void permutations(int[] a, PermutationVisitor visitor) {
    int n = a.length;
    int[] c = new int[n];
    visitor.visit(a);
    int i = 0;
    while (i < n) {
      if (c[i] < i) {
        int swap = i % 2 == 0 ? 0 : c[i];
        int t = a[swap];
        a[swap] = a[i];
        a[i] = t;
        visitor.visit(a);
        c[i]++;
        i = 0;
      } else {
        c[i] = 0;
        i++;
      }
    }
  }
}
