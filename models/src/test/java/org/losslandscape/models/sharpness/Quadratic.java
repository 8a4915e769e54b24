package org.losslandscape.models.sharpness;

import org.losslandscape.models.curvature.Objective;
import org.losslandscape.models.curvature.ValueAndGradient;

/**
 * {@code f(x) = c + g . (x - x0) + (x - x0)^T A (x - x0) / 2}: an objective whose worst-case and
 * average-case increases around x0 have closed forms or can be found exactly.
 */
record Quadratic(double c, double[] x0, double[] g, double[][] a) implements Objective {

  @Override
  public int dimension() {
    return x0.length;
  }

  @Override
  public double value(double[] x) {
    double[] e = new double[x.length];
    for (int k = 0; k < e.length; k++) {
      e[k] = x[k] - x0[k];
    }
    return c + increase(e);
  }

  @Override
  public ValueAndGradient valueAndGradient(double[] x) {
    double[] e = new double[x.length];
    for (int k = 0; k < e.length; k++) {
      e[k] = x[k] - x0[k];
    }
    double[] gradient = g.clone();
    for (int i = 0; i < e.length; i++) {
      for (int j = 0; j < e.length; j++) {
        gradient[i] += a[i][j] * e[j];
      }
    }
    return new ValueAndGradient(c + increase(e), gradient);
  }

  /** {@code f(x0 + e) - f(x0)}. */
  double increase(double[] e) {
    double sum = 0;
    for (int i = 0; i < e.length; i++) {
      sum += g[i] * e[i];
      for (int j = 0; j < e.length; j++) {
        sum += 0.5 * e[i] * a[i][j] * e[j];
      }
    }
    return sum;
  }
}
