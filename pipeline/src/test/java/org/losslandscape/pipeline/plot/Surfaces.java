package org.losslandscape.pipeline.plot;

import java.util.function.DoubleBinaryOperator;

/** Synthetic surfaces for tests. */
final class Surfaces {

  private Surfaces() {}

  /** n evenly spaced points from lo to hi. */
  static double[] axis(double lo, double hi, int n) {
    double[] axis = new double[n];
    for (int i = 0; i < n; i++) {
      axis[i] = lo + (hi - lo) * i / (n - 1);
    }
    return axis;
  }

  /** f sampled on an n x n grid over [-1, 1]². */
  static SurfaceData sample(String title, int n, DoubleBinaryOperator f) {
    double[] axis = axis(-1, 1, n);
    double[][] z = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i][j] = f.applyAsDouble(axis[i], axis[j]);
      }
    }
    return new SurfaceData(title, axis, axis, z);
  }

  /** The paraboloid a² + b² on an n x n grid over [-1, 1]², minimum 0 at the centre. */
  static SurfaceData paraboloid(int n) {
    return sample("paraboloid", n, (a, b) -> a * a + b * b);
  }
}
