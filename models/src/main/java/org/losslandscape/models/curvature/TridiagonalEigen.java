package org.losslandscape.models.curvature;

/**
 * Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix by the implicit QL method
 * with Wilkinson-type shifts: the dense step after Lanczos, whose matrices have at most a few
 * hundred rows.
 *
 * @param values eigenvalues in ascending order
 * @param vectors {@code vectors[k][j]} is component {@code k} of the unit eigenvector of {@code
 *     values[j]}
 */
public record TridiagonalEigen(double[] values, double[][] vectors) {

  /** QL sweeps allowed per eigenvalue; convergence is cubic, so a handful suffice in practice. */
  private static final int MAX_SWEEPS = 60;

  /**
   * Decomposes the matrix with {@code diagonal[0..n-1]} and {@code offDiagonal[i]} between rows i
   * and i + 1 ({@code offDiagonal.length >= n - 1}; extra entries are ignored).
   */
  public static TridiagonalEigen of(double[] diagonal, double[] offDiagonal) {
    int n = diagonal.length;
    if (n == 0 || offDiagonal.length < n - 1) {
      throw new IllegalArgumentException(
          "a tridiagonal matrix of size "
              + n
              + " needs n >= 1 and n - 1 off-diagonal entries, got "
              + offDiagonal.length);
    }
    double[] d = diagonal.clone();
    double[] e = new double[n];
    System.arraycopy(offDiagonal, 0, e, 0, n - 1);
    double[][] z = new double[n][n];
    for (int i = 0; i < n; i++) {
      z[i][i] = 1;
    }
    for (int l = 0; l < n; l++) {
      int sweeps = 0;
      int m;
      do {
        // Split off the block ending at m: the first negligible off-diagonal entry from l on.
        for (m = l; m < n - 1; m++) {
          double size = Math.abs(d[m]) + Math.abs(d[m + 1]);
          if (Math.abs(e[m]) <= Math.ulp(size)) {
            break;
          }
        }
        if (m != l) {
          if (sweeps++ == MAX_SWEEPS) {
            throw new ArithmeticException("tridiagonal eigenvalues did not converge");
          }
          qlSweep(d, e, z, l, m);
        }
      } while (m != l);
    }
    return sorted(d, z);
  }

  /** One implicit QL sweep with a shift from the leading 2x2 block, on rows l..m. */
  private static void qlSweep(double[] d, double[] e, double[][] z, int l, int m) {
    // The shift: the eigenvalue of the top 2x2 block [d_l e_l; e_l d_l+1] closer to d_l.
    double g = (d[l + 1] - d[l]) / (2 * e[l]);
    double r = Math.hypot(g, 1);
    g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
    double s = 1;
    double c = 1;
    double p = 0;
    int i;
    for (i = m - 1; i >= l; i--) {
      double f = s * e[i];
      double b = c * e[i];
      r = Math.hypot(f, g);
      e[i + 1] = r;
      if (r == 0) {
        // Underflow: the matrix split; undo the partial shift and let the caller re-split.
        d[i + 1] -= p;
        e[m] = 0;
        return;
      }
      s = f / r;
      c = g / r;
      g = d[i + 1] - p;
      r = (d[i] - g) * s + 2 * c * b;
      p = s * r;
      d[i + 1] = g + p;
      g = c * r - b;
      // Accumulate the Givens rotation of rows i, i + 1 into the eigenvectors.
      for (double[] row : z) {
        double zi1 = row[i + 1];
        row[i + 1] = s * row[i] + c * zi1;
        row[i] = c * row[i] - s * zi1;
      }
    }
    d[l] -= p;
    e[l] = g;
    e[m] = 0;
  }

  private static TridiagonalEigen sorted(double[] d, double[][] z) {
    int n = d.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int j = 0; j < n; j++) {
      values[j] = d[order[j]];
      for (int k = 0; k < n; k++) {
        vectors[k][j] = z[k][order[j]];
      }
    }
    return new TridiagonalEigen(values, vectors);
  }

  /** Number of eigenvalues. */
  public int size() {
    return values.length;
  }
}
