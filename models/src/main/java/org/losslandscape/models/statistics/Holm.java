package org.losslandscape.models.statistics;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of a family of p-values (Holm 1979): it controls the probability of
 * any false rejection in the family at the chosen level, under any dependence between the tests,
 * and is uniformly more powerful than Bonferroni's.
 *
 * <p>With the p-values sorted ascending, p(1) <= ... <= p(m), the adjusted values are {@code q(i) =
 * min(1, max_{j <= i} (m - j + 1) p(j))}, returned in the original order (R's {@code p.adjust(p,
 * "holm")}). A hypothesis is rejected at level alpha when its adjusted value is at most alpha.
 */
public final class Holm {

  private Holm() {}

  /** The adjusted p-values, in the order of {@code p}. */
  public static double[] adjust(double[] p) {
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("p-values must lie in [0, 1], got " + v);
      }
    }
    int m = p.length;
    Integer[] order =
        IntStream.range(0, m)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }

  /** Which hypotheses are rejected at level {@code alpha} after the adjustment. */
  public static boolean[] rejected(double[] p, double alpha) {
    double[] q = adjust(p);
    boolean[] out = new boolean[q.length];
    for (int i = 0; i < q.length; i++) {
      out[i] = q[i] <= alpha;
    }
    return out;
  }
}
