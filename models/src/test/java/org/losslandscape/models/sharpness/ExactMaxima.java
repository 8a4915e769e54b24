package org.losslandscape.models.sharpness;

import org.losslandscape.models.testing.JacobiEigen;

/**
 * Exact maxima of {@code q(e) = g . e + e^T A e / 2} over a ball or a box, found by methods that
 * share nothing with gradient ascent: the trust-region secular equation and vertex enumeration.
 */
final class ExactMaxima {

  private ExactMaxima() {}

  /**
   * {@code max_{||e|| <= rho} q(e)}. At the maximizer {@code (lambda I - A) e = g} with {@code
   * lambda >= max(0, lambda_max(A))} and {@code lambda (rho - ||e||) = 0} (Moré and Sorensen). If A
   * is negative definite and its unconstrained maximizer lies inside, that is the answer; otherwise
   * ||e(lambda)|| decreases from infinity to 0 on (lambda_max, inf) and bisection finds ||e|| =
   * rho. Assumes g is not orthogonal to the top eigenvector (the "hard case").
   */
  static double overBall(double[][] a, double[] g, double rho) {
    double lambdaMax = JacobiEigen.eigenvalues(a)[0];
    if (lambdaMax < 0) {
      double[] interior = solve(shift(a, 0), g);
      if (norm(interior) <= rho) {
        return q(a, g, interior);
      }
    }
    double low = Math.max(0, lambdaMax);
    double high = low + norm(g) / rho + 1;
    for (int iteration = 0; iteration < 200; iteration++) {
      double mid = (low + high) / 2;
      if (norm(solve(shift(a, mid), g)) > rho) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return q(a, g, solve(shift(a, high), g));
  }

  /** {@code max_{|e_i| <= h_i} q(e)} for convex q (A positive semidefinite): the best vertex. */
  static double overBoxOfConvex(double[][] a, double[] g, double[] h) {
    int n = g.length;
    double best = Double.NEGATIVE_INFINITY;
    for (int mask = 0; mask < 1 << n; mask++) {
      double[] e = new double[n];
      for (int k = 0; k < n; k++) {
        e[k] = ((mask >> k) & 1) == 1 ? h[k] : -h[k];
      }
      best = Math.max(best, q(a, g, e));
    }
    return best;
  }

  static double q(double[][] a, double[] g, double[] e) {
    double sum = 0;
    for (int i = 0; i < e.length; i++) {
      sum += g[i] * e[i];
      for (int j = 0; j < e.length; j++) {
        sum += 0.5 * e[i] * a[i][j] * e[j];
      }
    }
    return sum;
  }

  /** {@code lambda I - A}. */
  private static double[][] shift(double[][] a, double lambda) {
    int n = a.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = (i == j ? lambda : 0) - a[i][j];
      }
    }
    return m;
  }

  /** Solves {@code m x = b} by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] m, double[] b) {
    int n = b.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = java.util.Arrays.copyOf(m[i], n + 1);
      a[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= factor * a[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * x[k];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }

  private static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
