package org.losslandscape.models.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Activation;
import org.losslandscape.models.network.BatchNormMode;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.network.Padding;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * The slice of a layered network, with the first layer shared between points or run at each one, in
 * every batch-norm mode, against the obvious evaluator (weights perturbed in Java, one ordinary
 * forward pass per point, batch norm recomputed beside the evaluated samples).
 */
class NetworkLandscapeEvaluatorTest {

  private static final InputShape IMAGE = new InputShape(8, 8, 1);
  private static final LabeledData DATA = TinyProblems.gaussianBlobs(200, 64, 3, 5);
  private static final GridSpec GRID = new GridSpec(5, -1, 1);

  /**
   * Convolution first (after PyTorch-style zero padding; no bias, batch norm after it), a residual
   * block, a dense head.
   */
  private static LayeredNetwork cnn() {
    return new LayeredNetwork(
        "cnn",
        new NetworkSpec(
            List.of(
                new LayerSpec.ZeroPad2d(null, 1, 1, 1, 1),
                new LayerSpec.Conv2d(4, 3, 2, Padding.VALID, false),
                new LayerSpec.BatchNorm(),
                new LayerSpec.Act(Activation.RELU),
                new LayerSpec.Residual(
                    null,
                    List.of(
                        new LayerSpec.Conv2d(4, 3, 1, Padding.SAME, false),
                        new LayerSpec.BatchNorm(),
                        new LayerSpec.Act(Activation.TANH)),
                    List.of(),
                    true),
                new LayerSpec.GlobalAveragePool(null),
                new LayerSpec.Dense(3))),
        IMAGE,
        3);
  }

  /** Dense first (after a flatten), with a bias that the directions perturb too. */
  private static LayeredNetwork denseFirst() {
    return new LayeredNetwork(
        "dense",
        new NetworkSpec(
            List.of(
                new LayerSpec.Flatten(null),
                new LayerSpec.Dense(16),
                new LayerSpec.BatchNorm(),
                new LayerSpec.Act(Activation.RELU),
                new LayerSpec.Dense(3))),
        IMAGE,
        3);
  }

  /** The network in {@code mode}, with moving statistics that are not the initial ones. */
  private static Parameters model(LayeredNetwork net, BatchNormMode mode) {
    List<float[]> state =
        net.stateSpecs().stream()
            .map(
                s -> {
                  float[] v = new float[s.size()];
                  Arrays.fill(v, s.name().endsWith("variance") ? 1.7f : 0.3f);
                  return v;
                })
            .toList();
    float[] calibration = DATA.range(100, 164).features();
    LayeredNetwork withMode = net.withState(state).withBatchNormMode(mode, calibration);
    // He initialization leaves biases at zero, and a filter-normalized bias direction is scaled to
    // its bias's norm: give them values, or "perturbed biases" would perturb nothing.
    java.util.Random random = new java.util.Random(3);
    List<org.losslandscape.models.mlp.Parameter> tensors =
        Initialization.HE.initialize(net, 4).tensors().stream()
            .map(
                t -> {
                  if (!t.name().endsWith(".bias")) {
                    return t;
                  }
                  float[] v = new float[t.values().length];
                  for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.3 * random.nextGaussian());
                  }
                  return t.withValues(v);
                })
            .toList();
    return new Parameters(withMode, tensors);
  }

  private static DirectionPair directions(Parameters theta, BiasRule biases) {
    return RandomDirections.draw(theta, new DirectionSpec(Normalization.FILTER, biases, 8));
  }

  @ParameterizedTest
  @EnumSource(BatchNormMode.class)
  void aSharedConvolutionGivesThePointwiseSlice(BatchNormMode mode) {
    checkAgainstPointwise(model(cnn(), mode), BiasRule.ZERO);
  }

  @ParameterizedTest
  @EnumSource(BatchNormMode.class)
  void aSharedDenseLayerWithAPerturbedBiasGivesThePointwiseSlice(BatchNormMode mode) {
    checkAgainstPointwise(model(denseFirst(), mode), BiasRule.GAUSSIAN);
  }

  /**
   * With each batch's own statistics, a number must not depend on how an evaluator chunks its work:
   * a grid row, a single point of the plane and the plain evaluator take batches of 128 samples
   * alike (they took 136, 300 and 500 here, and the centre's loss differed in the 4th digit).
   */
  @org.junit.jupiter.api.Test
  void batchStatisticsAreTheSameWhoeverEvaluates() {
    Parameters theta = model(cnn(), BatchNormMode.BATCH);
    DirectionPair pair = directions(theta, BiasRule.ZERO);
    LabeledData samples = DATA.range(0, 200);
    ExecutionSettings cpu = ExecutionSettings.cpu();
    NetworkLandscapeEvaluator evaluator = new NetworkLandscapeEvaluator(cpu);
    double gridCentre =
        evaluator.evaluate(theta, pair, GRID, samples, LandscapeEvaluator.RowProgress.NONE)
            .loss()[2][2];
    double planeCentre;
    try (LandscapeEvaluator.PlaneSlice plane = evaluator.function(theta, pair, GRID, samples)) {
      planeCentre = plane.at(new double[] {0}, new double[] {0})[0];
    }
    double plain;
    try (org.losslandscape.models.evaluation.MlpEvaluator e =
        new org.losslandscape.models.evaluation.MlpEvaluator(theta.architecture(), cpu)) {
      plain = e.evaluate(theta, samples).loss();
    }
    assertThat(planeCentre).isCloseTo(gridCentre, within(1e-6));
    assertThat(plain).isCloseTo(gridCentre, within(1e-6));
  }

  /** Which first layers are shared, and what they cost, by hand. */
  @org.junit.jupiter.api.Test
  void theLinearFirstLayerIsFoundAndCounted() {
    // 3x3 kernel, stride 2, valid on 8x8x1 padded to 10x10: 4x4x4 outputs of 9 multiply-adds.
    assertThat(cnn().linearFirstLayer().orElseThrow().multiplyAddsPerExample()).isEqualTo(576);
    // Behind a flatten: 64 inputs to 16 units.
    assertThat(denseFirst().linearFirstLayer().orElseThrow().multiplyAddsPerExample())
        .isEqualTo(1024);
    assertThat(denseFirst().linearFirstLayer().orElseThrow().kernelIndex()).isZero();
    LayeredNetwork pooledFirst =
        new LayeredNetwork(
            "pooled",
            new NetworkSpec(
                List.of(
                    new LayerSpec.Pool2d(null, LayerSpec.PoolKind.MAX, 2, 2, Padding.VALID),
                    new LayerSpec.Flatten(null),
                    new LayerSpec.Dense(3))),
            IMAGE,
            3);
    assertThat(pooledFirst.linearFirstLayer()).isEmpty();
  }

  /** The default shares a first layer only where each output costs enough to pay for it. */
  @org.junit.jupiter.api.Test
  void byDefaultOnlyAnExpensiveFirstLayerIsShared() {
    assertThat(cnn().linearFirstLayer().orElseThrow().multiplyAddsPerOutput()).isEqualTo(9);
    assertThat(denseFirst().linearFirstLayer().orElseThrow().multiplyAddsPerOutput()).isEqualTo(64);
    InputShape fashion = new InputShape(28, 28, 1);
    LayeredNetwork lenet =
        new LayeredNetwork(
            "lenet", org.losslandscape.models.network.BuiltInNetworks.lenet(10), fashion, 10);
    LayeredNetwork mlp =
        new LayeredNetwork(
            "mlp",
            new NetworkSpec(
                List.of(
                    new LayerSpec.Flatten(null),
                    new LayerSpec.Dense(128),
                    new LayerSpec.Act(Activation.RELU),
                    new LayerSpec.Dense(10))),
            fashion,
            10);
    NetworkLandscapeEvaluator.FirstLayer auto = NetworkLandscapeEvaluator.FirstLayer.AUTO;
    assertThat(NetworkLandscapeEvaluator.sharesFirstLayer(lenet, auto)).isFalse(); // 25
    assertThat(NetworkLandscapeEvaluator.sharesFirstLayer(mlp, auto)).isTrue(); // 784
    assertThat(
            NetworkLandscapeEvaluator.sharesFirstLayer(
                lenet, NetworkLandscapeEvaluator.FirstLayer.SHARED))
        .isTrue();
    assertThat(
            NetworkLandscapeEvaluator.sharesFirstLayer(
                mlp, NetworkLandscapeEvaluator.FirstLayer.PER_POINT))
        .isFalse();
  }

  private static void checkAgainstPointwise(Parameters theta, BiasRule biases) {
    DirectionPair pair = directions(theta, biases);
    if (biases != BiasRule.ZERO) {
      // The first layer's bias really moves along the directions.
      assertThat(pair.d1().tensors().get(1).name()).endsWith(".bias");
      assertThat(pair.d1().tensors().get(1).values()).isNotEqualTo(new float[16]);
    }
    LabeledData samples = DATA.range(0, 60);
    ExecutionSettings cpu = ExecutionSettings.cpu();
    LandscapeGrid shared =
        new NetworkLandscapeEvaluator(cpu, NetworkLandscapeEvaluator.FirstLayer.SHARED)
            .evaluate(theta, pair, GRID, samples, LandscapeEvaluator.RowProgress.NONE);
    LandscapeGrid perPoint =
        new NetworkLandscapeEvaluator(cpu, NetworkLandscapeEvaluator.FirstLayer.PER_POINT)
            .evaluate(theta, pair, GRID, samples, LandscapeEvaluator.RowProgress.NONE);
    LandscapeGrid reference =
        new PointwiseLandscapeEvaluator(cpu)
            .evaluate(theta, pair, GRID, samples, LandscapeEvaluator.RowProgress.NONE);
    for (int i = 0; i < GRID.size(); i++) {
      for (int j = 0; j < GRID.size(); j++) {
        assertThat(shared.loss()[i][j]).isCloseTo(reference.loss()[i][j], within(2e-5));
        assertThat(perPoint.loss()[i][j]).isCloseTo(reference.loss()[i][j], within(2e-5));
        assertThat(shared.accuracy()[i][j]).isEqualTo(reference.accuracy()[i][j]);
      }
    }
    // At the centre the shared products add exact zeros: the same number as the whole layer.
    assertThat(shared.loss()[2][2]).isEqualTo(perPoint.loss()[2][2]);
    // The slice is not flat: the comparison above compared something.
    assertThat(reference.loss()[0][0]).isNotCloseTo(reference.loss()[2][2], within(1e-3));
  }
}
