package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.RandomDirectionsTest;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.JacobiEigen;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class TopEigenvaluesTest {

  @Test
  void findsTheTopThreeOfAKnownSpectrumWithinTheToleranceLongBeforeTheCap() {
    // Three outliers above a bulk, like a trained network's Hessian.
    int n = 400;
    double[] spectrum = new double[n];
    Random random = new Random(1);
    for (int i = 0; i < n; i++) {
      spectrum[i] = -1 + 4 * random.nextDouble();
    }
    spectrum[0] = 60;
    spectrum[1] = 35;
    spectrum[2] = 20;
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 2));

    TopEigenvalues top = TopEigenvalues.estimate(a, EigenSettings.defaults());

    assertThat(top.values()).containsExactly(new double[] {60, 35, 20}, within(0.02));
    assertThat(top.allConverged()).isTrue();
    assertThat(top.iterations()).isLessThan(60);
    for (TopEigenvalues.Estimate e : top.estimates()) {
      assertThat(e.status()).isEqualTo(TopEigenvalues.Status.CONVERGED);
      assertThat(e.lastRelativeChange()).isLessThan(1e-3);
      assertThat(e.convergedAtIteration()).isBetween(1, top.iterations());
      // The residual certifies an eigenvalue within that distance.
      assertThat(e.residualNorm()).isLessThan(5);
    }
  }

  @Test
  void aTighterToleranceTakesMoreStepsAndGetsCloser() {
    double[] spectrum = new double[200];
    for (int i = 0; i < spectrum.length; i++) {
      spectrum[i] = 10.0 * Math.pow(0.93, i); // slowly decaying: no clear gap
    }
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 3));
    TopEigenvalues loose = TopEigenvalues.estimate(a, new EigenSettings(3, 1e-2, 100, 0));
    TopEigenvalues tight = TopEigenvalues.estimate(a, new EigenSettings(3, 1e-8, 100, 0));
    assertThat(tight.iterations()).isGreaterThan(loose.iterations());
    for (int i = 0; i < 3; i++) {
      double error = Math.abs(tight.values()[i] - spectrum[i]);
      assertThat(error).isLessThanOrEqualTo(Math.abs(loose.values()[i] - spectrum[i]) + 1e-12);
      assertThat(error).isLessThan(1e-6);
    }
  }

  @Test
  void aSmallOperatorExhaustsTheKrylovSpaceAndGivesExactEigenvaluesWithoutGhosts() {
    // Clustered, repeated eigenvalues: without reorthogonalization Lanczos would return spurious
    // copies of 9 and miss 8.9.
    double[] spectrum = {9, 9, 8.9, 1, 1, 1, 0.5, -3};
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 4));
    TopEigenvalues top = TopEigenvalues.estimate(a, new EigenSettings(3, 1e-12, 50, 5));
    // The Krylov space of one start vector sees each distinct eigenvalue once.
    assertThat(top.values()).containsExactly(new double[] {9, 8.9, 1}, within(1e-9));
    assertThat(top.estimates())
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(TopEigenvalues.Status.EXACT));
    assertThat(top.iterations()).isEqualTo(5); // 5 distinct eigenvalues
  }

  @Test
  void reportsNotConvergedAtTheCap() {
    double[] spectrum = new double[300];
    for (int i = 0; i < spectrum.length; i++) {
      spectrum[i] = 1 + i * 1e-3; // a flat, dense spectrum converges slowly
    }
    SymmetricOperator a = SymmetricOperator.ofMatrix(JacobiEigen.withEigenvalues(spectrum, 6));
    TopEigenvalues top = TopEigenvalues.estimate(a, new EigenSettings(3, 1e-12, 8, 0));
    assertThat(top.iterations()).isEqualTo(8);
    assertThat(top.allConverged()).isFalse();
    assertThat(top.estimates().get(0).status()).isEqualTo(TopEigenvalues.Status.NOT_CONVERGED);
    assertThat(top.estimates().get(0).convergedAtIteration()).isEqualTo(-1);
  }

  @Test
  void onATinyMlpTheTopThreeMatchTheExplicitHessiansEigenvalues() {
    MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
    LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 21);
    ParameterLayout layout = new ParameterLayout(net);
    double[] theta =
        layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
    double[] expected = JacobiEigen.eigenvalues(new DoubleMlp(net, data).hessian(theta, 1e-5));
    try (DifferentiableLoss loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu())) {
      TopEigenvalues top =
          TopEigenvalues.estimate(loss.hessianAt(theta), new EigenSettings(3, 1e-6, 79, 1));
      for (int i = 0; i < 3; i++) {
        assertThat(top.values()[i])
            .as("eigenvalue %d", i)
            .isCloseTo(expected[i], within(1e-4 * expected[0]));
      }
      assertThat(expected[0]).isGreaterThan(expected[1]); // distinct, so the ranks are defined
    }
  }
}
