package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.testing.JacobiEigen;

class LanczosTest {

  @Test
  void longRunsPastConvergenceProduceNoGhostCopiesOfTheOutliers() {
    // Plain three-term Lanczos loses orthogonality once the outliers have converged and then
    // returns them again as spurious extra Ritz values; full reorthogonalization must not.
    int n = 300;
    double[] spectrum = new double[n];
    Random random = new Random(9);
    for (int i = 0; i < n; i++) {
      spectrum[i] = random.nextDouble();
    }
    spectrum[0] = 100;
    spectrum[1] = 50;
    spectrum[2] = 30;
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 10));
    Lanczos lanczos = new Lanczos(a, Vectors.gaussian(new Random(1), n));
    for (int step = 0; step < 80; step++) {
      assertThat(lanczos.step()).isTrue();
    }
    double[] ritz = lanczos.ritz().values(); // ascending
    assertThat(ritz[79]).isCloseTo(100, within(1e-9));
    assertThat(ritz[78]).isCloseTo(50, within(1e-9));
    assertThat(ritz[77]).isCloseTo(30, within(1e-9));
    assertThat(ritz[76]).isLessThanOrEqualTo(1 + 1e-9); // the rest lies in the bulk [0, 1)
    assertThat(ritz[0]).isGreaterThanOrEqualTo(-1e-9);
  }

  @Test
  void theTridiagonalMatrixIsTheOperatorInAnOrthonormalBasis() {
    // For a 2x2 operator and start e1: alpha_1 = a11, beta_1 = |a21|, alpha_2 = a22.
    SymmetricOperator a = SymmetricOperator.ofMatrix(new double[][] {{2, -3}, {-3, 5}});
    Lanczos lanczos = new Lanczos(a, new double[] {4, 0});
    assertThat(lanczos.step()).isTrue();
    assertThat(lanczos.step()).isTrue();
    assertThat(lanczos.exhausted()).isTrue();
    assertThat(lanczos.step()).isFalse();
    assertThat(lanczos.steps()).isEqualTo(2);
    assertThat(lanczos.alpha()).containsExactly(new double[] {2, 5}, within(1e-12));
    assertThat(lanczos.beta()).containsExactly(new double[] {3}, within(1e-12));
    TridiagonalEigen ritz = lanczos.ritz();
    assertThat(lanczos.residualNorm(ritz, 0)).isZero();
  }

  @Test
  void theResidualNormIsTheDistanceOfTheRitzPairFromAnEigenpair() {
    double[] spectrum = {5, 4, 3, 2, 1, 0.5};
    double[][] matrix = JacobiEigen.withEigenvalues(spectrum, 3);
    SymmetricOperator a = SymmetricOperator.ofMatrix(matrix);
    double[] start = Vectors.gaussian(new Random(2), 6);
    Lanczos lanczos = new Lanczos(a, start);
    lanczos.step();
    lanczos.step();
    // After two steps the top Ritz value is within its residual norm of an eigenvalue.
    TridiagonalEigen ritz = lanczos.ritz();
    double theta = ritz.values()[1];
    double residual = lanczos.residualNorm(ritz, 1);
    double nearest = Double.POSITIVE_INFINITY;
    for (double lambda : spectrum) {
      nearest = Math.min(nearest, Math.abs(lambda - theta));
    }
    assertThat(residual).isGreaterThan(0);
    assertThat(nearest).isLessThanOrEqualTo(residual);
  }

  @Test
  void rejectsAZeroStartVector() {
    SymmetricOperator a = SymmetricOperator.ofMatrix(new double[][] {{1}});
    assertThatThrownBy(() -> new Lanczos(a, new double[] {0})).hasMessageContaining("non-zero");
  }
}
