package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.testing.JacobiEigen;

class TridiagonalEigenTest {

  @Property(tries = 60)
  void eigenvaluesMatchJacobiOnTheDenseMatrixAndEigenvectorsAreOrthonormalEigenpairs(
      @ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed) {
    Random random = new Random(seed);
    double[] diagonal = Vectors.gaussian(random, n);
    double[] off = Vectors.gaussian(random, Math.max(0, n - 1));
    if (n > 3) {
      off[n / 2] = 0; // a split matrix must work too
    }
    double[][] dense = new double[n][n];
    for (int i = 0; i < n; i++) {
      dense[i][i] = diagonal[i];
      if (i + 1 < n) {
        dense[i][i + 1] = off[i];
        dense[i + 1][i] = off[i];
      }
    }
    TridiagonalEigen eigen = TridiagonalEigen.of(diagonal, off);
    double[] expected = JacobiEigen.eigenvalues(dense); // descending
    for (int j = 0; j < n; j++) {
      assertThat(eigen.values()[j]).isCloseTo(expected[n - 1 - j], within(1e-10));
      double[] z = new double[n];
      for (int k = 0; k < n; k++) {
        z[k] = eigen.vectors()[k][j];
      }
      double[] tz = JacobiEigen.times(dense, z);
      for (int k = 0; k < n; k++) {
        assertThat(tz[k]).isCloseTo(eigen.values()[j] * z[k], within(1e-10));
      }
      for (int other = 0; other < n; other++) {
        double dot = 0;
        for (int k = 0; k < n; k++) {
          dot += z[k] * eigen.vectors()[k][other];
        }
        assertThat(dot).isCloseTo(other == j ? 1 : 0, within(1e-10));
      }
    }
  }

  @Test
  void theSecondDifferenceMatrixHasTheKnownCosineSpectrum() {
    int n = 40;
    double[] diagonal = new double[n];
    double[] off = new double[n - 1];
    java.util.Arrays.fill(diagonal, 2);
    java.util.Arrays.fill(off, -1);
    double[] values = TridiagonalEigen.of(diagonal, off).values();
    for (int k = 1; k <= n; k++) {
      assertThat(values[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)), within(1e-12));
    }
  }
}
