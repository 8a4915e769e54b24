package org.losslandscape.models.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * The line between two minima: its ends are the two models' own numbers, and for a linear model (no
 * hidden layer) the whole curve is the closed form of softmax regression with interpolated logits.
 */
class LinearPathTest {

  private static final ExecutionSettings CPU = ExecutionSettings.cpu();
  private static final LabeledData DATA = TinyProblems.gaussianBlobs(150, 5, 3, 21);

  @Test
  void theEndsAreTheTwoModelsOwnLossesExactly() {
    MlpArchitecture net = new MlpArchitecture(5, List.of(6, 4), 3);
    Parameters a = withBiases(Initialization.HE.initialize(net, 1), 2);
    Parameters b = withBiases(Initialization.HE.initialize(net, 2), 3);
    LinearPath path = new LinearPath(a, b);
    assertThat(path.at(0)).isEqualTo(a);
    assertThat(path.at(1)).isEqualTo(b);

    double[] ts = new InterpolationRange(-0.5, 1.5, 9).values();
    try (MlpEvaluator evaluator = new MlpEvaluator(net, CPU)) {
      InterpolationCurve curve = path.evaluate(evaluator, ts, DATA);
      Metrics ownA = evaluator.evaluate(a, DATA);
      Metrics ownB = evaluator.evaluate(b, DATA);
      assertThat(curve.lossAt(0)).isEqualTo(ownA.loss());
      assertThat(curve.accuracyAt(0)).isEqualTo(ownA.accuracy());
      assertThat(curve.lossAt(1)).isEqualTo(ownB.loss());
      assertThat(curve.accuracyAt(1)).isEqualTo(ownB.accuracy());
      assertThat(curve.samples()).isEqualTo(150);
      assertThat(curve.t()).containsExactly(ts);
    }
  }

  /**
   * Two batch-norm models differ in their stored statistics too: the path moves them with the
   * weights, so its ends are each model's own numbers (a bug kept the first model's statistics
   * along the whole path).
   */
  @Test
  void batchNormStatisticsMoveAlongThePath() {
    var spec =
        new org.losslandscape.models.network.NetworkSpec(
            List.of(
                new org.losslandscape.models.network.LayerSpec.Flatten(null),
                new org.losslandscape.models.network.LayerSpec.Dense(6),
                new org.losslandscape.models.network.LayerSpec.BatchNorm(),
                new org.losslandscape.models.network.LayerSpec.Act(
                    org.losslandscape.models.network.Activation.RELU),
                new org.losslandscape.models.network.LayerSpec.Dense(3)));
    var net =
        new org.losslandscape.models.network.LayeredNetwork(
            "bn", spec, new org.losslandscape.models.network.InputShape(1, 1, 5), 3);
    float[] meanA = {0.1f, -0.2f, 0.3f, 0f, 0.5f, -0.6f};
    float[] varianceA = {1f, 2f, 0.5f, 1.5f, 1f, 3f};
    float[] meanB = {-0.4f, 0.2f, 0.1f, 0.7f, -0.5f, 0.2f};
    float[] varianceB = {0.3f, 1f, 2.5f, 0.5f, 2f, 1f};
    Parameters a =
        new Parameters(
            net.withState(List.of(meanA, varianceA)),
            Initialization.HE.initialize(net, 1).tensors());
    Parameters b =
        new Parameters(
            net.withState(List.of(meanB, varianceB)),
            Initialization.HE.initialize(net, 2).tensors());
    LinearPath path = new LinearPath(a, b);
    assertThat(path.at(0)).isEqualTo(a);
    assertThat(path.at(1)).isEqualTo(b);
    assertThat(path.at(0.5).architecture().state().get(1)[0]).isEqualTo(0.65f);

    // Beyond the ends the statistics stay at the nearer end: extrapolated, varianceA's third entry
    // (0.5) against varianceB's (2.5) would be -0.5 at t = -0.5, and the loss NaN.
    assertThat(path.at(-0.5).architecture().state())
        .containsExactlyElementsOf(List.of(meanA, varianceA));
    assertThat(path.at(1.5).architecture().state())
        .containsExactlyElementsOf(List.of(meanB, varianceB));

    double[] ts = new InterpolationRange(-0.5, 1.5, 9).values();
    try (MlpEvaluator alongThePath = new MlpEvaluator(a.architecture(), CPU);
        MlpEvaluator ownB = new MlpEvaluator(b.architecture(), CPU)) {
      InterpolationCurve curve = path.evaluate(alongThePath, ts, DATA);
      assertThat(curve.lossAt(0)).isEqualTo(alongThePath.evaluate(a, DATA).loss());
      assertThat(curve.lossAt(1)).isEqualTo(ownB.evaluate(b, DATA).loss());
      assertThat(curve.lossAt(1)).isNotEqualTo(curve.lossAt(0));
      for (int i = 0; i < ts.length; i++) {
        assertThat(curve.lossAt(ts[i])).as("loss at t = %s", ts[i]).isFinite();
      }
    }
    // In a mode that does not use the stored statistics, the path leaves them alone, and its
    // evaluator takes it.
    float[] calibration = DATA.range(0, 20).features();
    var batchMode = org.losslandscape.models.network.BatchNormMode.BATCH;
    Parameters batchA =
        new Parameters(
            net.withState(List.of(meanA, varianceA)).withBatchNormMode(batchMode, calibration),
            a.tensors());
    Parameters batchB =
        new Parameters(
            net.withState(List.of(meanB, varianceB)).withBatchNormMode(batchMode, calibration),
            b.tensors());
    LinearPath batchPath = new LinearPath(batchA, batchB);
    try (MlpEvaluator evaluator = new MlpEvaluator(batchA.architecture(), CPU)) {
      assertThat(batchPath.evaluate(evaluator, new double[] {0.5}, DATA).lossAt(0.5)).isFinite();
    }
  }

  /** Two networks of one tensor layout but different layers are two architectures. */
  @Test
  void refusesNetworksThatShareOnlyTheirTensorShapes() {
    Parameters relu =
        Initialization.HE.initialize(layered(org.losslandscape.models.network.Activation.RELU), 1);
    Parameters tanh =
        Initialization.HE.initialize(layered(org.losslandscape.models.network.Activation.TANH), 1);
    assertThat(relu.sameTensorsAs(tanh)).isTrue();
    assertThatThrownBy(() -> new LinearPath(relu, tanh))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the architectures differ");
  }

  private static org.losslandscape.models.network.LayeredNetwork layered(
      org.losslandscape.models.network.Activation activation) {
    return new org.losslandscape.models.network.LayeredNetwork(
        "net",
        new org.losslandscape.models.network.NetworkSpec(
            List.of(
                new org.losslandscape.models.network.LayerSpec.Flatten(null),
                new org.losslandscape.models.network.LayerSpec.Dense(6),
                new org.losslandscape.models.network.LayerSpec.Act(activation),
                new org.losslandscape.models.network.LayerSpec.Dense(3))),
        new org.losslandscape.models.network.InputShape(1, 1, 5),
        3);
  }

  @Test
  void aLinearModelsCurveIsTheClosedFormOfInterpolatedLogits() {
    // Softmax regression: logits are linear in the weights, so along the line they are
    // (1 - t) z_a + t z_b exactly, and the loss is the log-sum-exp of that mix minus its label
    // entry. Computed here in double from the two models' logits alone.
    MlpArchitecture linear = new MlpArchitecture(5, List.of(), 3);
    Parameters a = withBiases(Initialization.GLOROT.initialize(linear, 5), 6);
    Parameters b = withBiases(Initialization.GLOROT.initialize(linear, 7), 8);
    double[][] za = logits(a);
    double[][] zb = logits(b);
    double[] ts = new InterpolationRange(-1, 2, 13).values();
    InterpolationCurve curve;
    try (MlpEvaluator evaluator = new MlpEvaluator(linear, CPU)) {
      curve = new LinearPath(a, b).evaluate(evaluator, ts, DATA);
    }
    for (int k = 0; k < ts.length; k++) {
      double t = ts[k];
      double loss = 0;
      int correct = 0;
      for (int row = 0; row < DATA.count(); row++) {
        double[] z = new double[3];
        for (int c = 0; c < 3; c++) {
          z[c] = (1 - t) * za[row][c] + t * zb[row][c];
        }
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (double v : z) {
          sum += Math.exp(v - max);
        }
        int label = DATA.labels()[row];
        loss += max + Math.log(sum) - z[label];
        correct += z[label] == max ? 1 : 0;
      }
      loss /= DATA.count();
      assertThat(curve.loss()[k]).as("loss at t = %s", t).isCloseTo(loss, within(1e-5 * loss));
      assertThat(curve.accuracy()[k])
          .as("accuracy at t = %s", t)
          .isCloseTo((double) correct / DATA.count(), within(1.0 / DATA.count() + 1e-12));
    }
  }

  @Test
  void theMidpointIsTheMeanOfTheWeightsAndTheBarrierIsMeasuredAgainstTheHigherEnd() {
    MlpArchitecture net = new MlpArchitecture(5, List.of(4), 3);
    Parameters a = Initialization.HE.initialize(net, 11);
    Parameters b = Initialization.HE.initialize(net, 12);
    Parameters mid = new LinearPath(a, b).at(0.5);
    for (int k = 0; k < a.tensors().size(); k++) {
      float[] av = a.tensors().get(k).values();
      float[] bv = b.tensors().get(k).values();
      float[] mv = mid.tensors().get(k).values();
      for (int i = 0; i < av.length; i++) {
        assertThat(mv[i]).isEqualTo((float) ((av[i] + (double) bv[i]) / 2));
      }
    }
    InterpolationCurve curve =
        new InterpolationCurve(
            new double[] {-0.5, 0, 0.5, 1, 1.5},
            new double[] {9, 1, 3, 2, 7},
            new double[] {0, 0.5, 0.4, 0.6, 0.1},
            10);
    assertThat(curve.barrier()).isEqualTo(1.0); // 3 - max(1, 2): points outside [0, 1] ignored
  }

  @Test
  void refusesTwoNetworksOfDifferentArchitectures() {
    Parameters a = Initialization.HE.initialize(new MlpArchitecture(5, List.of(4), 3), 1);
    Parameters b = Initialization.HE.initialize(new MlpArchitecture(5, List.of(8), 3), 1);
    assertThatThrownBy(() -> new LinearPath(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot interpolate between a 5-4-3 network and a 5-8-3 network: the architectures"
                + " differ");
  }

  private static double[][] logits(Parameters p) {
    Parameter w = p.kernel(0);
    Parameter bias = p.bias(0);
    double[][] z = new double[DATA.count()][3];
    for (int row = 0; row < DATA.count(); row++) {
      for (int c = 0; c < 3; c++) {
        double sum = bias.values()[c];
        for (int i = 0; i < 5; i++) {
          sum += (double) DATA.features()[row * 5 + i] * w.values()[i * 3 + c];
        }
        z[row][c] = sum;
      }
    }
    return z;
  }

  private static Parameters withBiases(Parameters p, long seed) {
    java.util.Random random = new java.util.Random(seed);
    Parameters d = Parameters.zeros(p.architecture());
    for (Parameter t : d.tensors()) {
      for (int i = 0; i < t.size(); i++) {
        t.values()[i] = t.isKernel() ? 0f : (float) random.nextGaussian();
      }
    }
    return p.plus(0.3, d);
  }
}
