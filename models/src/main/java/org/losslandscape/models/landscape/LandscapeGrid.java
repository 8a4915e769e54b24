package org.losslandscape.models.landscape;

/**
 * Loss and accuracy on a 2-D slice: {@code loss[i][j] = L(theta + alpha_i d1 + beta_j d2)}, first
 * axis alpha, second beta.
 *
 * @param spec the grid's coordinates
 * @param loss mean cross-entropy at each point
 * @param accuracy accuracy at each point
 * @param samples how many examples each point was evaluated on
 */
public record LandscapeGrid(GridSpec spec, double[][] loss, double[][] accuracy, int samples) {

  /** Every point of the grid as {@code {alpha, beta, loss}}, row by row. */
  public java.util.List<double[]> points() {
    double[] c = spec.coordinates();
    java.util.List<double[]> out = new java.util.ArrayList<>(c.length * c.length);
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        out.add(new double[] {c[i], c[j], loss[i][j]});
      }
    }
    return out;
  }

  /** Loss at the centre point (the trained weights for a symmetric range). */
  public double centreLoss() {
    int c = spec.centreIndex();
    return loss[c][c];
  }

  /** Smallest finite loss on the grid. */
  public double minLoss() {
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : loss) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
        }
      }
    }
    return min;
  }

  /** Largest finite loss on the grid. */
  public double maxLoss() {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : loss) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          max = Math.max(max, v);
        }
      }
    }
    return max;
  }
}
