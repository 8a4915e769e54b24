package org.losslandscape.models.curvature;

import java.util.Random;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * The trace of a symmetric operator by Hutchinson's estimator: for Rademacher probes v (entries
 * +1/-1), {@code E[v^T H v] = tr(H)}. The probes' values are independent, so their mean carries a
 * t-based 95% interval. One operator application per probe.
 *
 * @param interval mean of {@code v^T H v} over the probes, with its 95% interval
 * @param perProbe {@code v^T H v} of each probe, in draw order
 * @param seed seeds the probes
 */
public record HutchinsonTrace(MeanInterval interval, double[] perProbe, long seed) {

  /** Number of probes. */
  public int probes() {
    return perProbe.length;
  }

  /**
   * Estimates {@code tr(operator)} from {@code probes} Rademacher probes drawn from {@code seed}.
   */
  public static HutchinsonTrace estimate(SymmetricOperator operator, int probes, long seed) {
    if (probes < 1) {
      throw new IllegalArgumentException("the trace needs at least one probe, got " + probes);
    }
    Random random = new Random(seed);
    double[] values = new double[probes];
    for (int p = 0; p < probes; p++) {
      double[] v = Vectors.rademacher(random, operator.dimension());
      values[p] = Vectors.dot(v, operator.apply(v));
    }
    return new HutchinsonTrace(MeanInterval.of(values), values, seed);
  }
}
