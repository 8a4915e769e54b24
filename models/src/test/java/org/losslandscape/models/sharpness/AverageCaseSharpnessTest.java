package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.RandomDirectionsTest;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.JacobiEigen;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

class AverageCaseSharpnessTest {

  private final double[][] a =
      JacobiEigen.withEigenvalues(new double[] {5, 3, 2, 1, 0.5, -0.5, 0.2, 4, 1.5, 0.1}, 4);
  private final double[] x0 = {0.3, -1.2, 0.8, 2.0, -0.4, 1.1, -0.9, 0.05, 0.6, -1.5};
  private final double[] g = {0.2, -0.1, 0.4, 0.3, -0.2, 0.1, 0.05, -0.3, 0.2, 0.1};
  private final Quadratic f = new Quadratic(0.4, x0, g, a);

  @Test
  void isotropicNoiseOnAQuadraticGivesHalfSigmaSquaredTimesTheTrace() {
    double sigma = 0.1;
    double exact = 0.5 * sigma * sigma * JacobiEigen.trace(a); // E[g.e] = 0, E[e^T A e] = s^2 tr A
    for (boolean antithetic : new boolean[] {false, true}) {
      AverageCaseSharpness s =
          AverageCaseSharpness.measure(
              f,
              x0,
              new AverageCaseDefinition.Isotropic(sigma),
              new MonteCarloSettings(2000, antithetic, 3));
      assertThat(exact).isBetween(s.increase().lower(), s.increase().upper());
      assertThat(s.centreLoss()).isEqualTo(0.4);
    }
  }

  @Test
  void elementScaledNoiseOnAQuadraticGivesHalfSigmaSquaredTimesTheWeightedDiagonal() {
    double sigma = 0.2;
    double exact = 0;
    for (int i = 0; i < x0.length; i++) {
      exact += 0.5 * sigma * sigma * a[i][i] * x0[i] * x0[i];
    }
    AverageCaseSharpness s =
        AverageCaseSharpness.measure(
            f,
            x0,
            new AverageCaseDefinition.ElementScaled(sigma),
            new MonteCarloSettings(2000, true, 5));
    assertThat(exact).isBetween(s.increase().lower(), s.increase().upper());
    assertThat(s.increase().halfWidth()).isLessThan(0.1 * exact);
  }

  @Test
  void antitheticPairsCancelTheLinearTermAndNarrowTheInterval() {
    double sigma = 0.1;
    MonteCarloSettings plain = new MonteCarloSettings(500, false, 8);
    MonteCarloSettings paired = new MonteCarloSettings(500, true, 8);
    AverageCaseDefinition isotropic = new AverageCaseDefinition.Isotropic(sigma);
    AverageCaseSharpness one = AverageCaseSharpness.measure(f, x0, isotropic, plain);
    AverageCaseSharpness two = AverageCaseSharpness.measure(f, x0, isotropic, paired);
    // Var((f(e) + f(-e)) / 2) <= Var(f(e)) always; here 0.0047 against 0.0074.
    assertThat(two.increase().halfWidth()).isLessThan(one.increase().halfWidth());
    assertThat(one.evaluations()).isEqualTo(501);
    assertThat(two.evaluations()).isEqualTo(1001);
    // Same seed, same draws: each pair averages the plain sample with its mirror image.
    Random random = new Random(8);
    for (int s = 0; s < 500; s++) {
      double[] e = new double[x0.length];
      for (int k = 0; k < e.length; k++) {
        e[k] = sigma * random.nextGaussian();
      }
      double[] minus = new double[e.length];
      for (int k = 0; k < e.length; k++) {
        minus[k] = -e[k];
      }
      assertThat(one.perSample()[s]).isCloseTo(f.increase(e), within(1e-12));
      assertThat(two.perSample()[s])
          .isCloseTo((f.increase(e) + f.increase(minus)) / 2, within(1e-12));
    }
  }

  @Test
  void forALinearObjectiveAntitheticPairsAreExactlyZero() {
    Quadratic linear = new Quadratic(1, x0, g, new double[x0.length][x0.length]);
    AverageCaseSharpness s =
        AverageCaseSharpness.measure(
            linear,
            x0,
            new AverageCaseDefinition.Isotropic(0.5),
            new MonteCarloSettings(50, true, 1));
    for (double v : s.perSample()) {
      assertThat(v).isCloseTo(0, within(1e-12));
    }
  }

  @Test
  void onATinyMlpEverySampleMatchesASlowJavaLoopOverTheSameDraws() {
    MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
    LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 21);
    ParameterLayout layout = new ParameterLayout(net);
    double[] theta =
        layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
    DoubleMlp reference = new DoubleMlp(net, data);
    double sigma = 0.3;
    try (DifferentiableLoss loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu())) {
      for (AverageCaseDefinition definition :
          List.<AverageCaseDefinition>of(
              new AverageCaseDefinition.Isotropic(sigma),
              new AverageCaseDefinition.ElementScaled(sigma))) {
        AverageCaseSharpness s =
            AverageCaseSharpness.measure(
                loss, theta, definition, new MonteCarloSettings(30, true, 12));
        double centre = reference.loss(theta);
        Random random = new Random(12);
        double[] expected = new double[30];
        for (int i = 0; i < 30; i++) {
          double[] up = theta.clone();
          double[] down = theta.clone();
          for (int k = 0; k < theta.length; k++) {
            double std =
                definition instanceof AverageCaseDefinition.Isotropic
                    ? sigma
                    : sigma * Math.abs(theta[k]);
            double e = std * random.nextGaussian();
            up[k] += e;
            down[k] -= e;
          }
          expected[i] = (reference.loss(up) + reference.loss(down)) / 2 - centre;
          assertThat(s.perSample()[i]).isCloseTo(expected[i], within(2e-6 * (1 + centre)));
        }
        assertThat(s.increase().mean())
            .isCloseTo(MeanInterval.of(expected).mean(), within(2e-6 * (1 + centre)));
      }
    }
  }
}
