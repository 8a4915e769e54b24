package org.losslandscape.models.curvature;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * The eigenvalue density of a symmetric operator by stochastic Lanczos quadrature (Ghorbani et al.
 * 2019; PyHessian's {@code density}): for a random unit probe v, {@code m} Lanczos steps give a
 * tridiagonal T whose eigenvalues (nodes) and squared first eigenvector components (weights,
 * summing to 1) form an m-point Gauss quadrature of the spectral measure {@code sum_i (v . u_i)^2
 * delta(lambda_i)}, whose expectation over probes is the eigenvalue density {@code (1/n) sum_i
 * delta(lambda_i)}. The curve is the average over probes of Gaussians of width {@code sigma} placed
 * on the nodes, evaluated exactly on a grid; it integrates to 1.
 *
 * <p>The first node-moment of a probe, {@code sum_j w_j theta_j = v^T H v}, is Hutchinson's
 * estimator of {@code tr(H) / n}, so the density also yields the trace ({@link #trace()}) at no
 * extra cost.
 *
 * @param quadratures one node/weight rule per probe
 * @param grid eigenvalue axis of the curve, ascending and evenly spaced
 * @param density the broadened density at each grid point
 * @param sigma width (standard deviation) of the Gaussian on each node
 * @param dimension the operator's dimension n
 * @param settings the settings used
 */
public record SpectralDensity(
    List<Quadrature> quadratures,
    double[] grid,
    double[] density,
    double sigma,
    int dimension,
    DensitySettings settings) {

  public SpectralDensity {
    quadratures = List.copyOf(quadratures);
  }

  /**
   * The Gauss quadrature rule of one probe.
   *
   * @param nodes Ritz values of the probe's Lanczos matrix, ascending
   * @param weights squared first components of the matching eigenvectors (sum 1)
   */
  public record Quadrature(double[] nodes, double[] weights) {

    /** {@code sum_j w_j theta_j^k}: the probe's estimate of the k-th spectral moment. */
    public double moment(int k) {
      double sum = 0;
      for (int j = 0; j < nodes.length; j++) {
        sum += weights[j] * Math.pow(nodes[j], k);
      }
      return sum;
    }
  }

  /** Mean over probes of the k-th moment: estimates {@code (1/n) sum_i lambda_i^k}. */
  public double moment(int k) {
    return quadratures.stream().mapToDouble(q -> q.moment(k)).average().orElseThrow();
  }

  /** {@code n} times each probe's first moment, with the 95% interval over probes. */
  public MeanInterval trace() {
    return MeanInterval.of(
        quadratures.stream().mapToDouble(q -> dimension * q.moment(1)).toArray());
  }

  /** Runs stochastic Lanczos quadrature on {@code operator}. */
  public static SpectralDensity estimate(SymmetricOperator operator, DensitySettings settings) {
    int n = operator.dimension();
    Random random = new Random(settings.seed());
    List<Quadrature> quadratures = new ArrayList<>();
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < settings.probes(); p++) {
      Lanczos lanczos = new Lanczos(operator, Vectors.rademacher(random, n));
      while (lanczos.steps() < settings.lanczosSteps() && lanczos.step()) {
        // each step is one operator application
      }
      TridiagonalEigen t = lanczos.ritz();
      double[] weights = new double[t.size()];
      for (int j = 0; j < weights.length; j++) {
        weights[j] = t.vectors()[0][j] * t.vectors()[0][j];
      }
      quadratures.add(new Quadrature(t.values(), weights));
      lowest = Math.min(lowest, t.values()[0]);
      highest = Math.max(highest, t.values()[t.size() - 1]);
    }
    double spread = highest - lowest;
    double sigma =
        settings.relativeWidth() * (spread > 0 ? spread : Math.max(Math.abs(highest), 1));
    // Five widths of margin keep all but ~1e-7 of every Gaussian's mass on the grid.
    double from = lowest - 5 * sigma;
    double to = highest + 5 * sigma;
    double[] grid = new double[settings.gridPoints()];
    double[] density = new double[grid.length];
    for (int g = 0; g < grid.length; g++) {
      grid[g] = from + (to - from) * g / (grid.length - 1);
      double sum = 0;
      for (Quadrature q : quadratures) {
        for (int j = 0; j < q.nodes().length; j++) {
          double z = (grid[g] - q.nodes()[j]) / sigma;
          sum += q.weights()[j] * Math.exp(-0.5 * z * z);
        }
      }
      density[g] = sum / (quadratures.size() * sigma * Math.sqrt(2 * Math.PI));
    }
    return new SpectralDensity(quadratures, grid, density, sigma, n, settings);
  }
}
