package org.losslandscape.models.trajectory;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;

/**
 * Principal component analysis of a training trajectory, as Li et al. (2018, section 7) do it:
 *
 * <ol>
 *   <li>the offsets {@code o_k = theta_k - theta_final} of the checkpoints from the final weights,
 *       over all parameters (kernels and biases), in double precision;
 *   <li>PCA of those offsets with the mean offset removed (what scikit-learn's {@code PCA}, which
 *       Li et al. use, does): the top two principal directions {@code u1, u2} (unit vectors) and
 *       their explained-variance ratios {@code lambda_j / sum(lambda)};
 *   <li>the path projected onto them without removing the mean, {@code x_k = <o_k, u1>}, {@code y_k
 *       = <o_k, u2>} (Li's {@code proj_xcoord} / {@code proj_ycoord}), so that the final weights
 *       sit at (0, 0).
 * </ol>
 *
 * <p>A trajectory has a few dozen checkpoints but ~10^5 parameters, so the decomposition is of the
 * small {@code m x m} Gram matrix {@code G = C C^T} of the centred offsets {@code C}: with {@code G
 * = V diag(lambda) V^T}, the principal directions are {@code u_j = C^T v_j / sqrt(lambda_j)} (the
 * right singular vectors of {@code C}), at the cost of {@code m^2 / 2} dot products.
 *
 * <p>Signs are arbitrary in any PCA; here each direction is oriented so that the first checkpoint
 * (the start of training) has a coordinate >= 0 on it, so the path starts in the upper right.
 */
public final class TrajectoryPca {

  /**
   * The second principal variance must be at least this fraction of the first: below it, the
   * direction is rounding noise, not a property of the path.
   */
  static final double DEGENERATE_RATIO = 1e-12;

  private TrajectoryPca() {}

  /**
   * The plane of the top two principal components of {@code path}'s offsets from {@code centre}.
   *
   * @param path the checkpoints in training order, usually starting with the initial weights and
   *     ending with the final ones
   * @param centre the final weights, where the plane is anchored
   * @throws IllegalArgumentException when the path has fewer than 3 checkpoints, mixes
   *     architectures, or its offsets span fewer than two directions
   */
  public static TrajectoryPlane fit(List<Parameters> path, Parameters centre) {
    if (path.size() < 3) {
      throw new IllegalArgumentException(
          "a trajectory plane needs at least 3 checkpoints (two principal directions), got "
              + path.size());
    }
    ParameterLayout layout = new ParameterLayout(centre.architecture());
    double[] origin = layout.flatten(centre);
    int m = path.size();
    int dim = origin.length;
    double[][] offsets = new double[m][];
    for (int k = 0; k < m; k++) {
      Parameters checkpoint = path.get(k);
      if (!checkpoint.sameTensorsAs(centre)) {
        throw new IllegalArgumentException(
            "checkpoint "
                + k
                + " is a "
                + checkpoint.architecture()
                + " network, the final weights a "
                + centre.architecture()
                + " one");
      }
      double[] offset = layout.flatten(checkpoint);
      for (int i = 0; i < dim; i++) {
        offset[i] -= origin[i];
      }
      offsets[k] = offset;
    }

    double[][] centred = centred(offsets);
    double[][] gram = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = a; b < m; b++) {
        gram[a][b] = dot(centred[a], centred[b]);
        gram[b][a] = gram[a][b];
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
    double[] lambda = eigen.getRealEigenvalues();
    Integer[] order = new Integer[m];
    for (int j = 0; j < m; j++) {
      order[j] = j;
    }
    // Descending by eigenvalue; the library's order is not part of its contract.
    Arrays.sort(order, (p, q) -> Double.compare(lambda[q], lambda[p]));
    double total = 0;
    for (double l : lambda) {
      total += Math.max(0, l); // rounding can leave the null direction (mean removed) at -1e-20
    }
    double first = lambda[order[0]];
    double second = lambda[order[1]];
    if (!(first > 0) || !(second > DEGENERATE_RATIO * first)) {
      throw new IllegalArgumentException(
          "the checkpoints' offsets span fewer than two directions (principal variances "
              + first
              + " and "
              + second
              + "): the trajectory needs at least 3 distinct checkpoints not on one line");
    }

    double[][] components = new double[2][];
    double[][] projections = new double[2][m];
    for (int j = 0; j < 2; j++) {
      double l = lambda[order[j]];
      double[] v = eigen.getEigenvector(order[j]).toArray();
      double[] u = new double[dim];
      for (int k = 0; k < m; k++) {
        double weight = v[k] / Math.sqrt(l);
        double[] row = centred[k];
        for (int i = 0; i < dim; i++) {
          u[i] += weight * row[i];
        }
      }
      // u has unit norm up to rounding; normalizing makes the projections exact lengths.
      scale(u, 1 / Math.sqrt(dot(u, u)));
      for (int k = 0; k < m; k++) {
        projections[j][k] = dot(offsets[k], u);
      }
      if (projections[j][0] < 0) {
        scale(u, -1);
        scale(projections[j], -1);
      }
      components[j] = u;
    }
    return new TrajectoryPlane(
        centre,
        components[0],
        components[1],
        new double[] {first / total, second / total},
        projections[0],
        projections[1]);
  }

  private static double[][] centred(double[][] rows) {
    int dim = rows[0].length;
    double[] mean = new double[dim];
    for (double[] row : rows) {
      for (int i = 0; i < dim; i++) {
        mean[i] += row[i];
      }
    }
    scale(mean, 1.0 / rows.length);
    double[][] out = new double[rows.length][dim];
    for (int k = 0; k < rows.length; k++) {
      for (int i = 0; i < dim; i++) {
        out[k][i] = rows[k][i] - mean[i];
      }
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void scale(double[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
  }
}
