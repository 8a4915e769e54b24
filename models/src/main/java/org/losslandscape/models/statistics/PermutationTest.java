package org.losslandscape.models.statistics;

import java.util.SplittableRandom;

/**
 * A two-sided permutation test of the difference between two groups' means (e.g. one recipe's
 * per-seed sharpness against another's): the share of the ways to split the pooled values into
 * groups of the same sizes whose |mean difference| is at least the observed one. Every split is
 * enumerated while there are at most {@link #EXACT_SPLITS}; beyond, {@code draws} random splits
 * give p = (k + 1) / (draws + 1).
 *
 * <p>It assumes nothing about the distribution, which is its point beside Welch's test, and it says
 * what it can resolve: with 3 seeds against 3 there are 20 splits, so p >= 0.1 ({@link
 * #smallestP}).
 *
 * @param difference mean of the first group minus mean of the second
 * @param pValue two-sided permutation p
 * @param smallestP the smallest p any assignment of these values could give
 * @param exact whether every split was enumerated
 */
public record PermutationTest(double difference, double pValue, double smallestP, boolean exact) {

  /** Splits up to which every split is enumerated. */
  public static final long EXACT_SPLITS = 200_000;

  /** The test of {@code a} against {@code b}. */
  public static PermutationTest of(double[] a, double[] b, long seed, int draws) {
    if (a.length < 1 || b.length < 1) {
      throw new IllegalArgumentException("each group needs at least one value");
    }
    int n = a.length + b.length;
    double[] pooled = new double[n];
    System.arraycopy(a, 0, pooled, 0, a.length);
    System.arraycopy(b, 0, pooled, a.length, b.length);
    double sum = 0;
    for (double v : pooled) {
      sum += v;
    }
    final double total = sum;
    double observed = mean(a) - mean(b);
    long splits = binomial(n, a.length);
    if (splits <= EXACT_SPLITS) {
      long[] counts = new long[2]; // at least as extreme, at the largest
      double[] largest = {0};
      forEachSubset(
          n,
          a.length,
          chosen ->
              largest[0] = Math.max(largest[0], Math.abs(diff(pooled, chosen, a.length, total))));
      forEachSubset(
          n,
          a.length,
          chosen -> {
            double d = Math.abs(diff(pooled, chosen, a.length, total));
            if (d >= Math.abs(observed) - 1e-12 * Math.max(1, Math.abs(observed))) {
              counts[0]++;
            }
            if (d >= largest[0] - 1e-12 * Math.max(1, largest[0])) {
              counts[1]++;
            }
          });
      return new PermutationTest(
          observed, (double) counts[0] / splits, (double) counts[1] / splits, true);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int atLeast = 0;
    double[] shuffled = pooled.clone();
    for (int d = 0; d < draws; d++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      double sumA = 0;
      for (int i = 0; i < a.length; i++) {
        sumA += shuffled[i];
      }
      double diff = sumA / a.length - (total - sumA) / b.length;
      if (Math.abs(diff) >= Math.abs(observed) - 1e-12 * Math.max(1, Math.abs(observed))) {
        atLeast++;
      }
    }
    return new PermutationTest(
        observed, (atLeast + 1.0) / (draws + 1.0), 1.0 / (draws + 1.0), false);
  }

  private static double diff(double[] pooled, boolean[] chosen, int sizeA, double total) {
    double sumA = 0;
    for (int i = 0; i < pooled.length; i++) {
      if (chosen[i]) {
        sumA += pooled[i];
      }
    }
    return sumA / sizeA - (total - sumA) / (pooled.length - sizeA);
  }

  private interface SubsetVisitor {
    void visit(boolean[] chosen);
  }

  /** Every subset of size k of n items, as a membership mask. */
  private static void forEachSubset(int n, int k, SubsetVisitor visitor) {
    int[] index = new int[k];
    for (int i = 0; i < k; i++) {
      index[i] = i;
    }
    boolean[] chosen = new boolean[n];
    while (true) {
      java.util.Arrays.fill(chosen, false);
      for (int i : index) {
        chosen[i] = true;
      }
      visitor.visit(chosen);
      int i = k - 1;
      while (i >= 0 && index[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return;
      }
      index[i]++;
      for (int j = i + 1; j < k; j++) {
        index[j] = index[j - 1] + 1;
      }
    }
  }

  static long binomial(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
      if (r > Long.MAX_VALUE / 64) {
        return Long.MAX_VALUE;
      }
    }
    return r;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
