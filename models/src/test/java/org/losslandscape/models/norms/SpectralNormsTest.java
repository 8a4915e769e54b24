package org.losslandscape.models.norms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.norms.SpectralNorms.Matrix;

/**
 * The spectral norm by power iteration agrees with a slow obvious reference (every eigenvalue of
 * W^T W by cyclic Jacobi rotations) and obeys the laws of a norm: homogeneity, invariance under
 * transposition, and max column norm <= sigma_max <= Frobenius norm. The log product of squares
 * moves by exactly 2 log|c| when one layer is scaled by c.
 */
class SpectralNormsTest {

  private static Matrix random(int rows, int columns, long seed) {
    Random r = new Random(seed);
    float[] v = new float[rows * columns];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return new Matrix(v, rows, columns);
  }

  private static Matrix scaled(Matrix w, double c) {
    float[] v = w.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * c);
    }
    return new Matrix(v, w.rows(), w.columns());
  }

  private static Matrix transposed(Matrix w) {
    float[] t = new float[w.values().length];
    for (int i = 0; i < w.rows(); i++) {
      for (int j = 0; j < w.columns(); j++) {
        t[j * w.rows() + i] = w.values()[i * w.columns() + j];
      }
    }
    return new Matrix(t, w.columns(), w.rows());
  }

  /** The slow reference: sqrt of the largest eigenvalue of W^T W, by cyclic Jacobi rotations. */
  static double referenceNorm(Matrix w) {
    int n = w.columns();
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double s = 0;
        for (int i = 0; i < w.rows(); i++) {
          s += (double) w.values()[i * n + a] * w.values()[i * n + b];
        }
        g[a][b] = s;
      }
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += g[p][q] * g[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (g[p][q] == 0) {
            continue;
          }
          // The rotation that zeroes g[p][q] (Golub and Van Loan, 8.5.2).
          double tau = (g[q][q] - g[p][p]) / (2 * g[p][q]);
          double t = Math.signum(tau == 0 ? 1 : tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
          double c = 1 / Math.sqrt(1 + t * t);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double gkp = g[k][p];
            double gkq = g[k][q];
            g[k][p] = c * gkp - s * gkq;
            g[k][q] = s * gkp + c * gkq;
          }
          for (int k = 0; k < n; k++) {
            double gpk = g[p][k];
            double gqk = g[q][k];
            g[p][k] = c * gpk - s * gqk;
            g[q][k] = s * gpk + c * gqk;
          }
        }
      }
    }
    double max = 0;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, g[k][k]);
    }
    return Math.sqrt(max);
  }

  @Test
  void agreesWithTheJacobiReference() {
    for (int[] shape : new int[][] {{1, 1}, {3, 3}, {7, 5}, {5, 7}, {30, 12}, {12, 30}}) {
      Matrix w = random(shape[0], shape[1], 11L * shape[0] + shape[1]);
      assertThat(SpectralNorms.spectralNorm(w))
          .as("%d x %d", shape[0], shape[1])
          .isCloseTo(referenceNorm(w), within(1e-9 * referenceNorm(w)));
    }
  }

  @Test
  void knownValues() {
    // diag(3, -4, 1) has norm 4; a rank-one u v^T has norm |u| |v|; zero has norm 0.
    assertThat(
            SpectralNorms.spectralNorm(new Matrix(new float[] {3, 0, 0, 0, -4, 0, 0, 0, 1}, 3, 3)))
        .isCloseTo(4, within(1e-12));
    assertThat(SpectralNorms.spectralNorm(new Matrix(new float[] {1, 2, 2, 4, 2, 4}, 3, 2)))
        .isCloseTo(3 * Math.sqrt(5), within(1e-12));
    assertThat(SpectralNorms.spectralNorm(new Matrix(new float[6], 2, 3))).isZero();
  }

  @Property(tries = 60)
  void isHomogeneous(
      @ForAll @IntRange(min = 1, max = 12) int rows,
      @ForAll @IntRange(min = 1, max = 12) int columns,
      @ForAll long seed,
      @ForAll @DoubleRange(min = -8, max = 8) double c) {
    Matrix w = random(rows, columns, seed);
    // c is rounded to float with every entry; compare to the reference on the rounded matrix.
    double norm = SpectralNorms.spectralNorm(w);
    assertThat(SpectralNorms.spectralNorm(scaled(w, c)))
        .isCloseTo(Math.abs(c) * norm, within(1e-6 * (1 + Math.abs(c) * norm)));
  }

  @Property(tries = 60)
  void isInvariantUnderTranspositionAndLiesBetweenColumnAndFrobeniusNorms(
      @ForAll @IntRange(min = 1, max = 12) int rows,
      @ForAll @IntRange(min = 1, max = 12) int columns,
      @ForAll long seed) {
    Matrix w = random(rows, columns, seed);
    double norm = SpectralNorms.spectralNorm(w);
    assertThat(SpectralNorms.spectralNorm(transposed(w))).isCloseTo(norm, within(1e-9 * norm));
    double frobenius = 0;
    double column = 0;
    for (int j = 0; j < columns; j++) {
      double c = 0;
      for (int i = 0; i < rows; i++) {
        double x = w.values()[i * columns + j];
        c += x * x;
      }
      column = Math.max(column, c);
      frobenius += c;
    }
    assertThat(norm).isBetween(Math.sqrt(column) * (1 - 1e-12), Math.sqrt(frobenius) * (1 + 1e-12));
  }

  @Property(tries = 30)
  void scalingOneLayerMovesTheLogProductByTwiceTheLogOfTheScale(
      @ForAll long seed, @ForAll @DoubleRange(min = 0.01, max = 100) double c) {
    Matrix first = random(9, 6, seed);
    Matrix second = random(6, 4, seed + 1);
    double before = SpectralNorms.logProductOfSquares(List.of(first, second));
    double after = SpectralNorms.logProductOfSquares(List.of(scaled(first, c), second));
    assertThat(after - before).isCloseTo(2 * Math.log(c), within(1e-5));
  }

  @Test
  void isTheSumOfTheLogsOfTheSquaredNorms() {
    Matrix a = random(7, 5, 1);
    Matrix b = random(5, 3, 2);
    assertThat(SpectralNorms.logProductOfSquares(List.of(a, b)))
        .isCloseTo(
            Math.log(Math.pow(referenceNorm(a), 2) * Math.pow(referenceNorm(b), 2)), within(1e-9));
  }

  @Test
  void refusesAShapeThatDoesNotFitItsValuesAndAnEmptyNetwork() {
    assertThatThrownBy(() -> new Matrix(new float[5], 2, 3))
        .hasMessage("a 2 x 3 matrix needs 6 values, got 5");
    assertThatThrownBy(() -> SpectralNorms.logProductOfSquares(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
