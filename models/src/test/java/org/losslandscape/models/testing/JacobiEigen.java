package org.losslandscape.models.testing;

import java.util.Arrays;

/**
 * Eigenvalues of a small symmetric matrix by the cyclic Jacobi method: rotate away every
 * off-diagonal entry in turn until they are all negligible. Slow (O(n^3) per sweep) and obvious,
 * and shares no code or method with the tridiagonal solver used by Lanczos, so it serves as the
 * independent reference for eigenvalue estimates.
 */
public final class JacobiEigen {

  private JacobiEigen() {}

  /** All eigenvalues of the symmetric {@code matrix}, in descending order. */
  public static double[] eigenvalues(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          total += a[i][j] * a[i][j];
          if (i != j) {
            off += a[i][j] * a[i][j];
          }
        }
      }
      if (off <= 1e-30 * total) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          // The rotation angle that zeroes a[p][q]: tan(2 phi) = 2 a_pq / (a_qq - a_pp).
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    Arrays.sort(values);
    for (int i = 0; i < n / 2; i++) {
      double swap = values[i];
      values[i] = values[n - 1 - i];
      values[n - 1 - i] = swap;
    }
    return values;
  }

  /** Sum of the diagonal. */
  public static double trace(double[][] matrix) {
    double sum = 0;
    for (int i = 0; i < matrix.length; i++) {
      sum += matrix[i][i];
    }
    return sum;
  }

  /** {@code matrix} times {@code vector}. */
  public static double[] times(double[][] matrix, double[] vector) {
    double[] out = new double[matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < vector.length; j++) {
        out[i] += matrix[i][j] * vector[j];
      }
    }
    return out;
  }

  /** A random symmetric matrix {@code Q diag(eigenvalues) Q^T} with a seeded orthogonal Q. */
  public static double[][] withEigenvalues(double[] eigenvalues, long seed) {
    int n = eigenvalues.length;
    java.util.Random random = new java.util.Random(seed);
    double[][] q = new double[n][n];
    // Gram-Schmidt on Gaussian columns gives a random orthogonal matrix.
    for (int j = 0; j < n; j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = random.nextGaussian();
      }
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += column[i] * q[i][k];
        }
        for (int i = 0; i < n; i++) {
          column[i] -= dot * q[i][k];
        }
      }
      double norm = 0;
      for (double v : column) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[i][j] = column[i] / norm;
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += q[i][k] * eigenvalues[k] * q[j][k];
        }
        a[i][j] = sum;
      }
    }
    return a;
  }
}
