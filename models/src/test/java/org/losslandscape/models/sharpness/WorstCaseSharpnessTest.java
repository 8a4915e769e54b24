package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.RandomDirectionsTest;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorstCaseSharpnessTest {

  private final MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
  private final LabeledData data = TinyProblems.gaussianBlobs(40, 5, 3, 21);
  private final ParameterLayout layout = new ParameterLayout(net);
  private final double[] theta =
      layout.flatten(RandomDirectionsTest.withBiases(Initialization.HE.initialize(net, 19)));
  private final DoubleMlp reference = new DoubleMlp(net, data);
  private DifferentiableLoss loss;

  @BeforeAll
  void open() {
    loss = new DifferentiableLoss(net, data, ExecutionSettings.cpu());
  }

  @AfterAll
  void close() {
    loss.close();
  }

  @Test
  void eachDefinitionDrawsItsRegionAroundTheWeights() {
    boolean[] weights = layout.weightMask();
    double[] l2 = new WorstCaseDefinition.L2Ball(0.05).region(theta, weights).scale();
    PerturbationRegion identity = WorstCaseDefinition.AdaptiveBall.asam(0.5).region(theta, weights);
    double[] adaptive =
        new WorstCaseDefinition.AdaptiveBall(
                0.5, 0.02, WorstCaseDefinition.AdaptiveBall.BiasScale.ADAPTIVE)
            .region(theta, weights)
            .scale();
    PerturbationRegion box = new WorstCaseDefinition.KeskarBox(1e-3).region(theta, weights);
    assertThat(identity).isInstanceOf(PerturbationRegion.ScaledBall.class);
    assertThat(((PerturbationRegion.ScaledBall) identity).radius()).isEqualTo(0.5);
    assertThat(box).isInstanceOf(PerturbationRegion.Box.class);
    for (int k = 0; k < theta.length; k++) {
      assertThat(l2[k]).isEqualTo(1);
      double asam = identity.scale()[k];
      assertThat(asam).isEqualTo(weights[k] ? Math.abs(theta[k]) + 0.01 : 1);
      assertThat(adaptive[k]).isEqualTo(Math.abs(theta[k]) + 0.02);
      assertThat(box.scale()[k]).isEqualTo(1e-3 * (Math.abs(theta[k]) + 1));
    }
    assertThat(java.util.stream.IntStream.range(0, weights.length).filter(k -> !weights[k]).count())
        .isEqualTo(6 + 4 + 3); // the biases
  }

  @Test
  void keskarsPhiIsTheIncreaseAsAPercentageOfOnePlusTheLoss() {
    WorstCaseDefinition keskar = new WorstCaseDefinition.KeskarBox(5e-4);
    assertThat(keskar.headline(0.3, 0.5)).isCloseTo(20, within(1e-12));
    assertThat(new WorstCaseDefinition.L2Ball(0.05).headline(0.3, 0.5)).isEqualTo(0.3);
    assertThat(keskar.describe()).contains("5.0E-4").contains("Keskar");
    assertThat(WorstCaseDefinition.AdaptiveBall.asam(0.5).describe())
        .contains("0.01")
        .contains("0.5")
        .contains("biases: unscaled");
  }

  @Test
  void onATinyMlpEveryVariantBeatsTheBestOfAThousandRandomPointsOfItsRegion() {
    List<WorstCaseDefinition> definitions =
        List.of(
            new WorstCaseDefinition.L2Ball(0.3),
            WorstCaseDefinition.AdaptiveBall.asam(0.3),
            new WorstCaseDefinition.AdaptiveBall(
                0.3, 0, WorstCaseDefinition.AdaptiveBall.BiasScale.ADAPTIVE),
            new WorstCaseDefinition.KeskarBox(0.02));
    double centre = reference.loss(theta);
    Random random = new Random(17);
    for (WorstCaseDefinition definition : definitions) {
      WorstCaseSharpness sharpness =
          WorstCaseSharpness.measure(loss, theta, definition, AscentSettings.defaults());
      PerturbationRegion region = definition.region(theta, layout.weightMask());
      double bestRandom = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < 1000; i++) {
        double[] u =
            i % 2 == 0 ? region.randomInteriorPoint(random) : region.randomBoundaryPoint(random);
        double[] e = region.perturbation(u);
        bestRandom = Math.max(bestRandom, reference.loss(plus(theta, e)) - centre);
      }
      double found = sharpness.ascent().increase();
      assertThat(found).as(definition.describe()).isGreaterThanOrEqualTo(bestRandom - 1e-6);
      assertThat(found).isGreaterThan(0);
      // The reported increase is real: the double reference agrees at the point found.
      double[] e = sharpness.ascent().bestPerturbation();
      assertThat(reference.loss(plus(theta, e)) - centre).isCloseTo(found, within(1e-5));
      assertThat(sharpness.value()).isGreaterThanOrEqualTo(sharpness.oneStepValue());
      // The centre, one start per further restart, one evaluation per iteration of every start.
      AscentSettings d = AscentSettings.defaults();
      assertThat(sharpness.ascent().evaluations())
          .isEqualTo(1 + (d.restarts() - 1) + d.restarts() * d.steps());
    }
  }

  @Test
  void theBestPerturbationStaysInsideItsRegion() {
    WorstCaseDefinition.AdaptiveBall asam = WorstCaseDefinition.AdaptiveBall.asam(0.2);
    double[] e =
        WorstCaseSharpness.measure(loss, theta, asam, AscentSettings.defaults())
            .ascent()
            .bestPerturbation();
    double[] scale = asam.region(theta, layout.weightMask()).scale();
    double scaledNorm = 0;
    for (int k = 0; k < e.length; k++) {
      scaledNorm += Math.pow(e[k] / scale[k], 2);
    }
    assertThat(Math.sqrt(scaledNorm)).isCloseTo(0.2, within(1e-9)); // on the boundary
    double eps = 0.01;
    double[] box =
        WorstCaseSharpness.measure(
                loss, theta, new WorstCaseDefinition.KeskarBox(eps), AscentSettings.defaults())
            .ascent()
            .bestPerturbation();
    for (int k = 0; k < box.length; k++) {
      assertThat(Math.abs(box[k]))
          .isLessThanOrEqualTo(eps * (Math.abs(theta[k]) + 1) * (1 + 1e-12));
    }
  }

  private static double[] plus(double[] a, double[] b) {
    double[] out = a.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += b[k];
    }
    return out;
  }
}
