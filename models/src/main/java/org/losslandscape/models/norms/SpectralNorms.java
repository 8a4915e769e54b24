package org.losslandscape.models.norms;

import java.util.List;
import java.util.Random;

/**
 * Spectral norms (largest singular values) of weight matrices, and the log of the product of their
 * squares over a network's layers, Jiang et al.'s (2019) {@code log_prod_of_spec}: sum over layers
 * of log ||W_i||_2^2.
 *
 * <p>The norm is found by power iteration on W^T W without forming it (two matrix-vector products
 * per step, in double precision), from a seeded random start, until the Rayleigh quotient changes
 * by less than {@link #TOLERANCE} relative, or after {@link #MAX_ITERATIONS} steps. The Rayleigh
 * quotient never exceeds sigma_max^2 and converges to it at the rate (sigma_2 / sigma_1)^(2k).
 */
public final class SpectralNorms {

  /** Relative change of the squared norm estimate below which the iteration stops. */
  public static final double TOLERANCE = 1e-12;

  /** The most power-iteration steps per matrix. */
  public static final int MAX_ITERATIONS = 5_000;

  private static final long START_SEED = 1L;

  private SpectralNorms() {}

  /**
   * A row-major matrix.
   *
   * @param values the entries, row by row
   * @param rows rows
   * @param columns columns
   */
  public record Matrix(float[] values, int rows, int columns) {

    public Matrix {
      if (rows < 1 || columns < 1 || (long) rows * columns != values.length) {
        throw new IllegalArgumentException(
            "a "
                + rows
                + " x "
                + columns
                + " matrix needs "
                + ((long) rows * columns)
                + " values, got "
                + values.length);
      }
    }
  }

  /** The largest singular value of {@code w}. */
  public static double spectralNorm(Matrix w) {
    int rows = w.rows();
    int cols = w.columns();
    float[] a = w.values();
    double[] v = new double[cols];
    Random random = new Random(START_SEED);
    for (int j = 0; j < cols; j++) {
      v[j] = random.nextGaussian();
    }
    normalize(v);
    double[] u = new double[rows];
    double estimate = 0;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      // u = W v, then v' = W^T u; ||W v||^2 is the Rayleigh quotient of W^T W at the unit v.
      for (int i = 0; i < rows; i++) {
        double s = 0;
        int row = i * cols;
        for (int j = 0; j < cols; j++) {
          s += a[row + j] * v[j];
        }
        u[i] = s;
      }
      double quotient = dot(u, u);
      java.util.Arrays.fill(v, 0);
      for (int i = 0; i < rows; i++) {
        double ui = u[i];
        int row = i * cols;
        for (int j = 0; j < cols; j++) {
          v[j] += a[row + j] * ui;
        }
      }
      boolean settled = Math.abs(quotient - estimate) <= TOLERANCE * quotient;
      estimate = Math.max(estimate, quotient);
      if (settled || normalize(v) == 0) {
        break; // converged, or W^T W v = 0: v has no component along any singular vector
      }
    }
    return Math.sqrt(estimate);
  }

  /**
   * Jiang et al.'s log product of squared spectral norms: sum over {@code layers} of log
   * ||W_i||_2^2 (negative infinity when a layer is zero).
   */
  public static double logProductOfSquares(List<Matrix> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("no weight matrices to take the spectral norms of");
    }
    double sum = 0;
    for (Matrix w : layers) {
      sum += 2 * Math.log(spectralNorm(w));
    }
    return sum;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** Scales {@code x} to unit length in place; returns its former length. */
  private static double normalize(double[] x) {
    double n = Math.sqrt(dot(x, x));
    if (n > 0) {
      for (int i = 0; i < x.length; i++) {
        x[i] /= n;
      }
    }
    return n;
  }
}
