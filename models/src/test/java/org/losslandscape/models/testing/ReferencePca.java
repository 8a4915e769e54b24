package org.losslandscape.models.testing;

/**
 * Principal components the slow, obvious way: the full {@code p x p} covariance matrix of the
 * centred rows, diagonalized by cyclic Jacobi rotations that also accumulate the eigenvectors.
 * Shares nothing with the Gram-matrix method of the code under test (which never forms the
 * covariance and uses a library eigen-solver), so it serves as its independent reference on small
 * inputs.
 *
 * @param variances eigenvalues of the covariance (sum of squares, not divided by n), descending
 * @param components {@code components[j]} is the unit eigenvector of {@code variances[j]}
 */
public record ReferencePca(double[] variances, double[][] components) {

  /** PCA of {@code rows} (one observation per row) after subtracting the mean row. */
  public static ReferencePca of(double[][] rows) {
    int n = rows.length;
    int p = rows[0].length;
    double[] mean = new double[p];
    for (double[] row : rows) {
      for (int i = 0; i < p; i++) {
        mean[i] += row[i] / n;
      }
    }
    double[][] a = new double[p][p];
    for (double[] row : rows) {
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          a[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]);
        }
      }
    }
    double[][] v = new double[p][p];
    for (int i = 0; i < p; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          total += a[i][j] * a[i][j];
          off += i == j ? 0 : a[i][j] * a[i][j];
        }
      }
      if (off <= 1e-30 * total) {
        break;
      }
      for (int r = 0; r < p; r++) {
        for (int q = r + 1; q < p; q++) {
          if (a[r][q] == 0) {
            continue;
          }
          // The rotation that zeroes a[r][q]: tan(2 phi) = 2 a_rq / (a_qq - a_rr).
          double theta = (a[q][q] - a[r][r]) / (2 * a[r][q]);
          double t =
              theta == 0
                  ? 1
                  : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < p; k++) {
            double akr = a[k][r];
            double akq = a[k][q];
            a[k][r] = c * akr - s * akq;
            a[k][q] = s * akr + c * akq;
          }
          for (int k = 0; k < p; k++) {
            double ark = a[r][k];
            double aqk = a[q][k];
            a[r][k] = c * ark - s * aqk;
            a[q][k] = s * ark + c * aqk;
          }
          for (int k = 0; k < p; k++) {
            double vkr = v[k][r];
            double vkq = v[k][q];
            v[k][r] = c * vkr - s * vkq;
            v[k][q] = s * vkr + c * vkq;
          }
        }
      }
    }
    // The diagonal in descending order, each with its eigenvector column.
    Integer[] order = new Integer[p];
    for (int i = 0; i < p; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[] variances = new double[p];
    double[][] components = new double[p][p];
    for (int j = 0; j < p; j++) {
      variances[j] = a[order[j]][order[j]];
      for (int k = 0; k < p; k++) {
        components[j][k] = v[k][order[j]];
      }
    }
    return new ReferencePca(variances, components);
  }
}
