package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.network.Activation;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.network.Padding;

/** The reference forward pass against values worked out by hand on tiny inputs. */
class ReferenceForwardTest {

  private static final double EXACT = 1e-12;

  /** Values 1, 2, 3, ... of the given length. */
  private static float[] counting(int n, int first) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = first + i;
    }
    return v;
  }

  private static float[] filled(int n, float value) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, value);
    return v;
  }

  private static double[] run(
      InputShape shape, List<LayerSpec> layers, List<Parameter> tensors, float[] input) {
    return new ReferenceForward(new NetworkSpec(layers), shape, tensors).logits(input);
  }

  @Test
  void denseIsInputTimesKernelPlusBias() {
    // [1, 2] x [[1, 2, 3], [4, 5, 6]] + [0.5, 0, -1] = [9.5, 12, 14]
    double[] out =
        run(
            InputShape.flat(2),
            List.of(new LayerSpec.Dense(3)),
            List.of(
                new Parameter("dense0.kernel", new int[] {2, 3}, counting(6, 1)),
                new Parameter("dense0.bias", new int[] {3}, new float[] {0.5f, 0, -1})),
            new float[] {1, 2});
    assertThat(out).containsExactly(new double[] {9.5, 12, 14}, within(EXACT));
  }

  @Test
  void defaultNamesCountPerKindAndNamedLayersKeepTheirNames() {
    // dense0 doubles, "mine" adds one, dense2 (the third dense layer) negates.
    double[] out =
        run(
            InputShape.flat(1),
            List.of(
                new LayerSpec.Dense(null, 1, false),
                new LayerSpec.Dense("mine", 1, true),
                new LayerSpec.Dense(null, 1, false)),
            List.of(
                new Parameter("dense0.kernel", new int[] {1, 1}, new float[] {2}),
                new Parameter("mine.kernel", new int[] {1, 1}, new float[] {1}),
                new Parameter("mine.bias", new int[] {1}, new float[] {1}),
                new Parameter("dense2.kernel", new int[] {1, 1}, new float[] {-1})),
            new float[] {3});
    assertThat(out).containsExactly(new double[] {-7}, within(EXACT));
  }

  @Test
  void sameConvolutionWithStrideOnePadsOneCellAllRound() {
    // 3x3 input 1..9, 3x3 kernel of ones: each output sums its 3x3 neighbourhood.
    double[] out =
        run(
            new InputShape(3, 3, 1),
            List.of(new LayerSpec.Conv2d(1, 3, 1, Padding.SAME, false)),
            List.of(new Parameter("conv0.kernel", new int[] {3, 3, 1, 1}, filled(9, 1))),
            counting(9, 1));
    // corners 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28; centre 45.
    assertThat(out)
        .containsExactly(new double[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, within(EXACT));
  }

  @Test
  void sameConvolutionWithStrideTwoPadsOnlyAfterAsTensorFlowDoes() {
    // 4x4 input x[i][j] = 4i + j, 3x3 ones, stride 2: out 2x2, pad total (2-1)*2+3-4 = 1, all of
    // it after. Output (0,0) sums rows 0-2 x cols 0-2; (1,1) sums rows 2-3 x cols 2-3 (row 4 and
    // col 4 are padding). Symmetric padding would give other numbers.
    double[] out =
        run(
            new InputShape(4, 4, 1),
            List.of(new LayerSpec.Conv2d(1, 3, 2, Padding.SAME, false)),
            List.of(new Parameter("conv0.kernel", new int[] {3, 3, 1, 1}, filled(9, 1))),
            counting(16, 0));
    // (0,1): rows 0-2, cols 2-3 = (2+3)+(6+7)+(10+11) = 39; (1,0): rows 2-3, cols 0-2 =
    // (8+9+10)+(12+13+14) = 66; (1,1): 10+11+14+15 = 50.
    assertThat(out).containsExactly(new double[] {45, 39, 66, 50}, within(EXACT));
  }

  @Test
  void validConvolutionMixesChannelsWithHwioKernelsAndAddsTheBias() {
    // 2x2x2 input, channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40] (stored h, w, c).
    // 2x2 kernel, 2 in, 2 out, VALID: one output position.
    // Filter 0: weight 1 on channel 0 everywhere -> 1+2+3+4 = 10, bias 0.5 -> 10.5.
    // Filter 1: weight 1 on channel 1 only at (0,1), weight -1 on channel 0 at (1,0) -> 20 - 3 =
    // 17,
    // bias -1 -> 16.
    float[] input = {1, 10, 2, 20, 3, 30, 4, 40};
    float[] kernel = new float[2 * 2 * 2 * 2]; // [dy][dx][c][f]
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        kernel[((dy * 2 + dx) * 2 + 0) * 2 + 0] = 1;
      }
    }
    kernel[((0 * 2 + 1) * 2 + 1) * 2 + 1] = 1;
    kernel[((1 * 2 + 0) * 2 + 0) * 2 + 1] = -1;
    double[] out =
        run(
            new InputShape(2, 2, 2),
            List.of(new LayerSpec.Conv2d(2, 2, 1, Padding.VALID, true)),
            List.of(
                new Parameter("conv0.kernel", new int[] {2, 2, 2, 2}, kernel),
                new Parameter("conv0.bias", new int[] {2}, new float[] {0.5f, -1})),
            input);
    assertThat(out).containsExactly(new double[] {10.5, 16}, within(EXACT));
  }

  @Test
  void validConvolutionWithStrideSkipsPositions() {
    // 5x1 column 1..5, kernel 2x1 of [1, 10], stride 2 VALID: windows at rows 0 and 2 -> 21, 43.
    double[] out =
        run(
            new InputShape(5, 1, 1),
            List.of(new LayerSpec.Conv2d(null, 1, 2, 1, 2, 1, Padding.VALID, false)),
            List.of(new Parameter("conv0.kernel", new int[] {2, 1, 1, 1}, new float[] {1, 10})),
            counting(5, 1));
    assertThat(out).containsExactly(new double[] {21, 43}, within(EXACT));
  }

  @Test
  void samePoolingIgnoresPaddedCells() {
    // 3x3 input -1..-9, window 2, stride 2, SAME: out 2x2, pad total (2-1)*2+2-3 = 1, after.
    float[] input = counting(9, 1);
    for (int i = 0; i < input.length; i++) {
      input[i] = -input[i];
    }
    InputShape shape = new InputShape(3, 3, 1);
    double[] max =
        run(
            shape,
            List.of(new LayerSpec.Pool2d(null, LayerSpec.PoolKind.MAX, 2, 2, Padding.SAME)),
            List.of(),
            input);
    // (0,0) max(-1,-2,-4,-5) = -1; (0,1) cells -3,-6 -> -3; (1,0) -7,-8 -> -7; (1,1) -9 alone.
    // Counting the padding as zeros would give 0 for the last three.
    assertThat(max).containsExactly(new double[] {-1, -3, -7, -9}, within(EXACT));
    double[] average =
        run(
            shape,
            List.of(new LayerSpec.Pool2d(null, LayerSpec.PoolKind.AVERAGE, 2, 2, Padding.SAME)),
            List.of(),
            input);
    // (0,0) -12/4 = -3; (0,1) -9/2; (1,0) -15/2; (1,1) -9/1.
    assertThat(average).containsExactly(new double[] {-3, -4.5, -7.5, -9}, within(EXACT));
  }

  @Test
  void validPoolingPoolsEachChannelOnItsOwn() {
    // 2x2x2, channel 0 = 1..4, channel 1 = 10..40: one window.
    float[] input = {1, 10, 2, 20, 3, 30, 4, 40};
    InputShape shape = new InputShape(2, 2, 2);
    assertThat(
            run(
                shape,
                List.of(new LayerSpec.Pool2d(null, LayerSpec.PoolKind.MAX, 2, 2, Padding.VALID)),
                List.of(),
                input))
        .containsExactly(new double[] {4, 40}, within(EXACT));
    assertThat(run(shape, List.of(new LayerSpec.GlobalAveragePool(null)), List.of(), input))
        .containsExactly(new double[] {2.5, 25}, within(EXACT));
  }

  @Test
  void batchNormUsesTheMovingStatistics() {
    // channel 0: gamma 2 (x - 1) / sqrt(3 + 1) + 0.5 at x = 2 -> 1.5;
    // channel 1: 3 (5 - 1) / sqrt(15 + 1) - 1 = 2.
    double[] out =
        run(
            InputShape.flat(2),
            List.of(new LayerSpec.BatchNorm(null, 1.0, 0.99, true, true)),
            List.of(
                new Parameter("bn0.gamma", new int[] {2}, new float[] {2, 3}),
                new Parameter("bn0.beta", new int[] {2}, new float[] {0.5f, -1}),
                new Parameter("bn0.moving_mean", new int[] {2}, new float[] {1, 1}),
                new Parameter("bn0.moving_variance", new int[] {2}, new float[] {3, 15})),
            new float[] {2, 5});
    assertThat(out).containsExactly(new double[] {1.5, 2}, within(EXACT));
    // Without gamma and beta: (x - 1) / 2 and (5 - 1) / 4.
    double[] plain =
        run(
            InputShape.flat(2),
            List.of(new LayerSpec.BatchNorm(null, 1.0, 0.99, false, false)),
            List.of(
                new Parameter("bn0.moving_mean", new int[] {2}, new float[] {1, 1}),
                new Parameter("bn0.moving_variance", new int[] {2}, new float[] {3, 15})),
            new float[] {2, 5});
    assertThat(plain).containsExactly(new double[] {0.5, 1}, within(EXACT));
  }

  @Test
  void activations() {
    float[] input = {-1, 0, 2};
    InputShape shape = InputShape.flat(3);
    assertThat(act(shape, Activation.RELU, input)).containsExactly(0, 0, 2);
    assertThat(act(shape, Activation.LINEAR, input)).containsExactly(-1, 0, 2);
    assertThat(act(shape, Activation.TANH, input))
        .containsExactly(new double[] {Math.tanh(-1), 0, Math.tanh(2)}, within(EXACT));
    assertThat(act(shape, Activation.SIGMOID, input))
        .containsExactly(
            new double[] {1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))}, within(EXACT));
    assertThat(act(shape, Activation.ELU, input))
        .containsExactly(new double[] {1 / Math.E - 1, 0, 2}, within(EXACT));
    assertThat(act(shape, Activation.SOFTPLUS, input))
        .containsExactly(
            new double[] {Math.log(1 + 1 / Math.E), Math.log(2), Math.log(1 + Math.exp(2))},
            within(EXACT));
  }

  private static double[] act(InputShape shape, Activation activation, float[] input) {
    return run(shape, List.of(new LayerSpec.Act(activation)), List.of(), input);
  }

  @Test
  void flattenIsHeightWidthChannelOrderAndDropoutIsTheIdentity() {
    // 2x2x2 input 0..7 stored (h, w, c): flat index 5 is (y 1, x 0, c 1). A dense layer that
    // picks index 5 returns 5.
    float[] kernel = new float[8];
    kernel[5] = 1;
    double[] out =
        run(
            new InputShape(2, 2, 2),
            List.of(
                new LayerSpec.Dropout(null, 0.5),
                new LayerSpec.Flatten(null),
                new LayerSpec.Dense(null, 1, false)),
            List.of(new Parameter("dense0.kernel", new int[] {8, 1}, kernel)),
            counting(8, 0));
    assertThat(out).containsExactly(new double[] {5}, within(EXACT));
  }

  @Test
  void residualAddsTheShortcutOnlyWithSkip() {
    // body: dense doubling; identity shortcut: x + 2x = 3x; no skip: 2x.
    List<Parameter> tensors =
        List.of(new Parameter("dense0.kernel", new int[] {2, 2}, new float[] {2, 0, 0, 2}));
    LayerSpec body = new LayerSpec.Dense(null, 2, false);
    float[] input = {1, -4};
    assertThat(
            run(
                InputShape.flat(2),
                List.of(new LayerSpec.Residual(null, List.of(body), List.of(), true)),
                tensors,
                input))
        .containsExactly(new double[] {3, -12}, within(EXACT));
    assertThat(
            run(
                InputShape.flat(2),
                List.of(new LayerSpec.Residual(null, List.of(body), List.of(), false)),
                tensors,
                input))
        .containsExactly(new double[] {2, -8}, within(EXACT));
  }

  @Test
  void projectionShortcutIsNamedAfterTheBodyAndKeepsItsNamesWithoutSkip() {
    // body dense0 doubles, shortcut dense1 maps (x, y) to (-y, -x), then dense2 sums the two
    // outputs. The shortcut is counted (dense1) even without skip, so dense2 keeps its name.
    LayerSpec.Residual block =
        new LayerSpec.Residual(
            null,
            List.of(new LayerSpec.Dense(null, 2, false)),
            List.of(new LayerSpec.Dense(null, 2, false)),
            true);
    LayerSpec.Residual noSkip = new LayerSpec.Residual(null, block.body(), block.shortcut(), false);
    List<Parameter> tensors =
        List.of(
            new Parameter("dense0.kernel", new int[] {2, 2}, new float[] {2, 0, 0, 2}),
            new Parameter("dense1.kernel", new int[] {2, 2}, new float[] {0, -1, -1, 0}),
            new Parameter("dense2.kernel", new int[] {2, 1}, new float[] {1, 1}));
    float[] input = {1, 3};
    // with skip: (2, 6) + (-3, -1) = (-1, 5) -> 4; without: (2, 6) -> 8.
    assertThat(
            run(
                InputShape.flat(2),
                List.of(block, new LayerSpec.Dense(null, 1, false)),
                tensors,
                input))
        .containsExactly(new double[] {4}, within(EXACT));
    assertThat(
            run(
                InputShape.flat(2),
                List.of(noSkip, new LayerSpec.Dense(null, 1, false)),
                tensors,
                input))
        .containsExactly(new double[] {8}, within(EXACT));
  }

  @Test
  void crossEntropyAndArgmax() {
    // Two equal logits: ln 2. Logits (ln 3, 0) with label 1: ln(3 + 1) - 0 = ln 4.
    double loss =
        ReferenceForward.meanCrossEntropy(
            new double[][] {{0, 0}, {Math.log(3), 0}}, new int[] {0, 1});
    assertThat(loss).isCloseTo((Math.log(2) + Math.log(4)) / 2, within(EXACT));
    assertThat(ReferenceForward.argmax(new double[] {1, 3, 3, 2})).isEqualTo(1);
  }
}
