package org.losslandscape.models.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.ModelToTrain;
import org.losslandscape.models.training.StackListener;
import org.losslandscape.models.training.StackedTrainer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;

/** The network built from layer specs: shapes, names, numbers, training and second derivatives. */
class LayeredNetworkTest {

  private static final InputShape IMAGE = new InputShape(8, 8, 1);
  private static final LabeledData DATA = TinyProblems.gaussianBlobs(200, 64, 3, 5);

  private static NetworkSpec smallCnn(boolean batchNorm) {
    return smallCnn(batchNorm, Activation.RELU);
  }

  private static NetworkSpec smallCnn(boolean batchNorm, Activation activation) {
    List<LayerSpec> layers = new ArrayList<>();
    layers.add(new LayerSpec.Conv2d(4, 3, 1, Padding.SAME, !batchNorm));
    if (batchNorm) {
      layers.add(new LayerSpec.BatchNorm());
    }
    layers.add(new LayerSpec.Act(activation));
    layers.add(new LayerSpec.Pool2d(null, LayerSpec.PoolKind.MAX, 2, 2, Padding.VALID));
    layers.add(
        new LayerSpec.Residual(
            null,
            // Padding as its own layer, so training, Hessians and slices go through it too.
            List.of(
                new LayerSpec.ZeroPad2d(1),
                new LayerSpec.Conv2d(4, 3, 1, Padding.VALID, true),
                new LayerSpec.Act(Activation.TANH)),
            List.of(),
            true));
    layers.add(new LayerSpec.Pool2d(null, LayerSpec.PoolKind.AVERAGE, 2, 2, Padding.SAME));
    layers.add(new LayerSpec.Flatten(null));
    layers.add(new LayerSpec.Dense(3));
    return new NetworkSpec(layers);
  }

  @Test
  void namesShapesAndKindsFollowTheWalk() {
    LayeredNetwork net = new LayeredNetwork("cnn", smallCnn(true), IMAGE, 3);
    assertThat(net.parameterNames())
        .containsExactly(
            "conv0.kernel",
            "bn0.gamma",
            "bn0.beta",
            "conv1.kernel",
            "conv1.bias",
            "dense0.kernel",
            "dense0.bias");
    assertThat(net.parameterShapes().get(0)).containsExactly(3, 3, 1, 4);
    // 8x8 -> max pool 4x4 -> avg pool (same) 2x2, 4 channels: 16 inputs to the dense layer.
    assertThat(net.parameterShapes().get(5)).containsExactly(16, 3);
    assertThat(net.stateSpecs())
        .extracting(TensorSpec::name)
        .containsExactly("bn0.moving_mean", "bn0.moving_variance");
    assertThat(net.parameterSpecs().get(1).kind()).isEqualTo(TensorKind.BATCH_NORM_SCALE);
  }

  @Test
  void badShapesAreNamed() {
    assertThatThrownBy(
            () ->
                new LayeredNetwork(
                    "x",
                    new NetworkSpec(
                        List.of(
                            new LayerSpec.Conv2d(2, 3, 1, Padding.SAME, true),
                            new LayerSpec.Dense(3))),
                    IMAGE,
                    3))
        .hasMessageContaining("dense0")
        .hasMessageContaining("flatten");
    assertThatThrownBy(
            () ->
                new LayeredNetwork(
                    "x",
                    new NetworkSpec(List.of(new LayerSpec.Flatten(null), new LayerSpec.Dense(4))),
                    IMAGE,
                    3))
        .hasMessageContaining("3");
    assertThatThrownBy(() -> BuiltInNetworks.resnet(9, 4, true, 10)).hasMessageContaining("6n + 2");
  }

  /**
   * Zero padding then a valid stride-2 convolution pads as PyTorch does (one on every side), which
   * TensorFlow's SAME does not on an even side (0 before, 1 after). Hand-computed on the 4x4 image
   * 1..16 with an all-ones 3x3 kernel: the four windows of the padded 6x6 image sum to 14, 30, 57,
   * 99; SAME's (padded to 5x5) to 54, 45, 72, 54.
   */
  @Test
  void zeroPaddingThenValidConvolutionPadsOnBothSides() {
    InputShape four = new InputShape(4, 4, 1);
    float[] image = new float[16];
    for (int i = 0; i < 16; i++) {
      image[i] = i + 1;
    }
    float[] ones = new float[9];
    java.util.Arrays.fill(ones, 1f);
    float[] identity = new float[16];
    for (int i = 0; i < 4; i++) {
      identity[i * 4 + i] = 1f;
    }
    LayeredNetwork padded =
        new LayeredNetwork(
            "padded",
            new NetworkSpec(
                List.of(
                    new LayerSpec.ZeroPad2d(1),
                    new LayerSpec.Conv2d(1, 3, 2, Padding.VALID, false),
                    new LayerSpec.Flatten(null),
                    new LayerSpec.Dense(null, 4, false))),
            four,
            4);
    assertThat(padded.parameterNames()).containsExactly("conv0.kernel", "dense0.kernel");
    assertThat(logits(padded, image, ones, identity)).containsExactly(14f, 30f, 57f, 99f);
    LayeredNetwork same =
        new LayeredNetwork(
            "same",
            new NetworkSpec(
                List.of(
                    new LayerSpec.Conv2d(1, 3, 2, Padding.SAME, false),
                    new LayerSpec.Flatten(null),
                    new LayerSpec.Dense(null, 4, false))),
            four,
            4);
    assertThat(logits(same, image, ones, identity)).containsExactly(54f, 45f, 72f, 54f);
  }

  /** Uneven padding grows each side by its own amount; a flat input is refused by name. */
  @Test
  void zeroPaddingShapesAndRefusals() {
    LayeredNetwork net =
        new LayeredNetwork(
            "uneven",
            new NetworkSpec(
                List.of(
                    new LayerSpec.ZeroPad2d(null, 1, 0, 0, 2),
                    new LayerSpec.Flatten(null),
                    new LayerSpec.Dense(3))),
            new InputShape(4, 5, 2),
            3);
    // (4 + 1) x (5 + 2) x 2 = 70 inputs to the dense layer.
    assertThat(net.parameterShapes().get(0)).containsExactly(70, 3);
    assertThatThrownBy(
            () ->
                new LayeredNetwork(
                    "flat",
                    new NetworkSpec(
                        List.of(
                            new LayerSpec.Flatten(null),
                            new LayerSpec.ZeroPad2d(1),
                            new LayerSpec.Dense(3))),
                    IMAGE,
                    3))
        .hasMessageContaining("pad0")
        .hasMessageContaining("image");
    assertThatThrownBy(() -> new LayerSpec.ZeroPad2d(null, 1, -1, 0, 0))
        .hasMessageContaining(">= 0");
  }

  private static float[] logits(LayeredNetwork net, float[] image, float[]... tensors) {
    try (var g =
            org.losslandscape.models.tf.GraphSession.open(
                ExecutionSettings.cpu(),
                tf -> {
                  List<org.tensorflow.Operand<org.tensorflow.types.TFloat32>> w = new ArrayList<>();
                  for (int i = 0; i < tensors.length; i++) {
                    w.add(
                        tf.constant(
                            org.tensorflow.ndarray.Shape.of(
                                org.losslandscape.models.tf.Tensors.shape(
                                    net.parameterShapes().get(i))),
                            org.tensorflow.ndarray.buffer.DataBuffers.of(tensors[i], true, false)));
                  }
                  var x =
                      tf.constant(
                          org.tensorflow.ndarray.Shape.of(1, image.length),
                          org.tensorflow.ndarray.buffer.DataBuffers.of(image, true, false));
                  return net.logits(tf, x, w);
                });
        var result = g.session().runner().fetch(g.parts()).run()) {
      return org.losslandscape.models.tf.Tensors.toArray(
          (org.tensorflow.types.TFloat32) result.get(0));
    }
  }

  /** The MLP written as layers computes exactly what the MLP's own graph computes. */
  @Test
  void mlpAsLayersEqualsTheMlpBitForBit() throws Exception {
    MlpArchitecture mlp = new MlpArchitecture(64, List.of(16, 8), 3);
    LayeredNetwork layered =
        new LayeredNetwork(
            "mlp",
            new NetworkSpec(
                List.of(
                    new LayerSpec.Flatten(null),
                    new LayerSpec.Dense(16),
                    new LayerSpec.Act(Activation.RELU),
                    new LayerSpec.Dense(8),
                    new LayerSpec.Act(Activation.RELU),
                    new LayerSpec.Dense(3))),
            IMAGE,
            3);
    assertThat(layered.parameterNames()).isEqualTo(mlp.parameterNames());
    Parameters p = Initialization.HE.initialize(mlp, 3);
    Parameters q = Initialization.HE.initialize(layered, 3);
    for (int i = 0; i < p.tensors().size(); i++) {
      assertThat(q.tensors().get(i).values()).isEqualTo(p.tensors().get(i).values());
    }
    try (MlpEvaluator a = new MlpEvaluator(mlp, ExecutionSettings.cpu());
        MlpEvaluator b = new MlpEvaluator(layered, ExecutionSettings.cpu())) {
      var ma = a.evaluate(p, DATA);
      var mb = b.evaluate(new Parameters(layered, p.tensors()), DATA);
      assertThat(mb.loss()).isEqualTo(ma.loss());
      assertThat(mb.accuracy()).isEqualTo(ma.accuracy());
    }
  }

  private static TrainingConfig config(String name, double lr, long seed) {
    return new TrainingConfig(
        name,
        lr,
        16,
        0,
        LearningRateSchedule.constant(),
        new TrainingBudget.Epochs(3),
        seed,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  /**
   * A CNN with batch norm and a residual block trains in a stack: its loss falls, its moving
   * statistics move, and a model trained with two others is bit-identical to it trained alone.
   */
  @Test
  void cnnTrainsInAStackAndItsNumbersDoNotDependOnTheStack() {
    LayeredNetwork net = new LayeredNetwork("cnn", smallCnn(true), IMAGE, 3);
    List<ModelToTrain> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TrainingConfig c = config("m" + i, 0.05 + 0.02 * i, 40 + i);
      three.add(new ModelToTrain(Initialization.HE.initialize(net, c.seed()), c));
    }
    StackedTrainer trainer = new StackedTrainer(ExecutionSettings.cpu());
    List<TrainingResult> together = trainer.train(three, DATA, StackListener.NONE);
    TrainingResult alone = trainer.train(List.of(three.get(1)), DATA, StackListener.NONE).get(0);
    Parameters a = together.get(1).parameters();
    Parameters b = alone.parameters();
    for (int i = 0; i < a.tensors().size(); i++) {
      assertThat(a.tensors().get(i).values()).isEqualTo(b.tensors().get(i).values());
    }
    var curve = together.get(1).curve();
    assertThat(curve.get(curve.size() - 1).loss()).isLessThan(curve.get(0).loss() * 0.8);
    LayeredNetwork trained = (LayeredNetwork) a.architecture();
    assertThat(trained.state().get(0)).isNotEqualTo(new float[4]);
    assertThat(((LayeredNetwork) b.architecture()).state().get(1))
        .isEqualTo(trained.state().get(1));
  }

  /**
   * Hessian-vector products through convolution, max and average pooling, batch norm (frozen), tanh
   * and a residual block agree with central differences of the gradient. The step is small so that
   * no max-pooling window changes its argmax (at 1e-2 many do and the differences disagree by 90%);
   * tanh rather than ReLU, whose kinks the MLP's tests already cover.
   */
  @Test
  void hessianVectorProductsMatchDifferencesOfGradients() {
    LayeredNetwork net =
        new LayeredNetwork("cnn", smallCnn(true, Activation.TANH), IMAGE, 3)
            .withState(
                List.of(new float[] {0.1f, -0.2f, 0.3f, 0f}, new float[] {1.5f, 0.5f, 2f, 1f}));
    Parameters p = Initialization.GLOROT.initialize(net, 9);
    try (DifferentiableLoss loss =
        new DifferentiableLoss(net, DATA.range(0, 50), ExecutionSettings.cpu())) {
      ParameterLayout layout = loss.layout();
      double[] theta = layout.flatten(p);
      Random random = new Random(2);
      double[] v = new double[theta.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextGaussian();
      }
      double[] hv = loss.hessianVectorProduct(theta, v);
      double h = 1e-4;
      double[] plus = loss.valueAndGradient(shift(theta, v, h)).gradient();
      double[] minus = loss.valueAndGradient(shift(theta, v, -h)).gradient();
      double error = 0;
      double norm = 0;
      for (int i = 0; i < v.length; i++) {
        double fd = (plus[i] - minus[i]) / (2 * h);
        error += (fd - hv[i]) * (fd - hv[i]);
        norm += hv[i] * hv[i];
      }
      assertThat(Math.sqrt(norm)).isGreaterThan(1e-3);
      // Float32 gradients over a step of 1e-4: agreement to 1% of the norm (seen: ~0.03%).
      assertThat(Math.sqrt(error)).isLessThan(0.01 * Math.sqrt(norm));
    }
  }

  private static double[] shift(double[] theta, double[] v, double h) {
    double[] out = theta.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += h * v[i];
    }
    return out;
  }

  /**
   * Li et al.'s filter normalization on a convolution: every output filter of the direction has the
   * norm of the same filter of the weights; batch-norm scales and shifts and biases are zero.
   */
  @Test
  void filterNormalizationWorksFilterByFilterOnConvolutions() {
    LayeredNetwork net = new LayeredNetwork("cnn", smallCnn(true), IMAGE, 3);
    Parameters theta = Initialization.HE.initialize(net, 4);
    var pair =
        org.losslandscape.models.directions.RandomDirections.draw(
            theta,
            new org.losslandscape.models.directions.DirectionSpec(
                org.losslandscape.models.directions.Normalization.FILTER, false, 8));
    var kernel = pair.d1().tensors().get(0); // conv0.kernel [3, 3, 1, 4]
    var weights = theta.tensors().get(0);
    for (int filter = 0; filter < 4; filter++) {
      double d = 0;
      double w = 0;
      for (int k = filter; k < kernel.size(); k += 4) {
        d += kernel.values()[k] * kernel.values()[k];
        w += weights.values()[k] * weights.values()[k];
      }
      assertThat(Math.sqrt(d)).isCloseTo(Math.sqrt(w), org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThat(pair.d1().tensors().get(1).values()).containsOnly(0f); // bn0.gamma
    assertThat(pair.d1().tensors().get(2).values()).containsOnly(0f); // bn0.beta
    assertThat(pair.d1().tensors().get(4).values()).containsOnly(0f); // conv1.bias
  }

  /** The batched slice of any network equals the slow point-by-point evaluation. */
  @Test
  void sliceOfACnnEqualsPointByPointEvaluation() {
    LayeredNetwork net = new LayeredNetwork("cnn", smallCnn(true), IMAGE, 3);
    Parameters theta = Initialization.HE.initialize(net, 4);
    var pair =
        org.losslandscape.models.directions.RandomDirections.draw(
            theta,
            new org.losslandscape.models.directions.DirectionSpec(
                org.losslandscape.models.directions.Normalization.FILTER, false, 8));
    var grid = new org.losslandscape.models.landscape.GridSpec(5, -1, 1);
    LabeledData samples = DATA.range(0, 60);
    var fast =
        new org.losslandscape.models.landscape.DecomposedLandscapeEvaluator(ExecutionSettings.cpu())
            .evaluate(theta, pair, grid, samples, (done, rows) -> {});
    var slow =
        new org.losslandscape.models.landscape.PointwiseLandscapeEvaluator(ExecutionSettings.cpu())
            .evaluate(theta, pair, grid, samples, (done, rows) -> {});
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        assertThat(fast.loss()[i][j])
            .isCloseTo(slow.loss()[i][j], org.assertj.core.data.Offset.offset(1e-5));
        assertThat(fast.accuracy()[i][j]).isEqualTo(slow.accuracy()[i][j]);
      }
    }
    assertThat(fast.loss()[0][0]).isGreaterThan(fast.loss()[2][2]);
  }

  /**
   * Two models of one batch-norm network differ in their statistics, not in their tensors: paths,
   * trajectories and flat vectors take both (a bug refused checkpoints whose statistics had moved).
   */
  @Test
  void modelsWhoseStatisticsDifferShareTheirLayout() {
    LayeredNetwork net = new LayeredNetwork("cnn", smallCnn(true), IMAGE, 3);
    Parameters a = Initialization.HE.initialize(net, 1);
    Parameters b =
        new Parameters(
            net.withState(List.of(new float[] {1, 2, 3, 4}, new float[] {2, 2, 2, 2})),
            Initialization.HE.initialize(net, 2).tensors());
    assertThat(a.architecture()).isNotEqualTo(b.architecture());
    assertThat(a.architecture().sameArchitectureAs(b.architecture())).isTrue();
    assertThat(
            a.architecture()
                .sameArchitectureAs(new LayeredNetwork("cnn", smallCnn(false), IMAGE, 3)))
        .isFalse();
    assertThat(
            a.architecture()
                .sameArchitectureAs(
                    new LayeredNetwork("cnn", smallCnn(true, Activation.ELU), IMAGE, 3)))
        .isFalse();
    assertThat(a.sameTensorsAs(b)).isTrue();
    var path = new org.losslandscape.models.interpolation.LinearPath(a, b);
    assertThat(path.start()).isSameAs(a);
    ParameterLayout layout = new ParameterLayout(a.architecture());
    assertThat(layout.flatten(b)).hasSize(layout.dimension());
    assertThat(
            a.sameTensorsAs(
                Initialization.HE.initialize(
                    new LayeredNetwork("cnn", smallCnn(false), IMAGE, 3), 1)))
        .isFalse();
  }
}
