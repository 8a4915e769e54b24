package org.losslandscape.pipeline.bench;

import org.losslandscape.models.mlp.MlpArchitecture;

/**
 * The floating-point operations the benchmark credits each evaluator with: multiply-adds of the
 * matrix products only, counted as 2 FLOP each. Biases, ReLUs, the loss and weight copies are not
 * counted (they are a few percent of the products for the default network).
 *
 * <p>Per-point and row-batched evaluators run the full forward pass at every point, so they are
 * credited {@code 2 sum_l in_l out_l} per point and sample. The decomposed evaluator does less work
 * for the same answer and is credited what it executes: {@code P, Q, R} once per sample ({@code 2 x
 * in_0 x 3 h_1}), then per point and sample the K = 2 combination ({@code 2 x 2 h_1}) and layers
 * 2..L ({@code 2 sum_{l>=2} in_l out_l}), plus per point the in-graph weight build ({@code 2 x 2}
 * per weight of layers 2..L).
 */
public final class FlopModel {

  private FlopModel() {}

  /** FLOP of one full forward pass of one example. */
  public static long denseForwardPerExample(MlpArchitecture net) {
    long flops = 0;
    for (int layer = 0; layer < net.layerCount(); layer++) {
      flops += 2L * net.layerInput(layer) * net.layerOutput(layer);
    }
    return flops;
  }

  /** FLOP the per-point and row-batched evaluators execute for a grid of {@code points}. */
  public static double fullForward(MlpArchitecture net, long points, long samples) {
    return (double) denseForwardPerExample(net) * points * samples;
  }

  /** FLOP the decomposed evaluator executes for a grid of {@code points}. */
  public static double decomposed(MlpArchitecture net, long points, long samples) {
    long width = net.layerOutput(0);
    double firstLayer = 2.0 * net.inputSize() * 3 * width * samples;
    long restPerExample = 2L * 2 * width;
    long restWeights = 0;
    for (int layer = 1; layer < net.layerCount(); layer++) {
      long weights = (long) net.layerInput(layer) * net.layerOutput(layer) + net.layerOutput(layer);
      restPerExample += 2L * net.layerInput(layer) * net.layerOutput(layer);
      restWeights += 2L * 2 * weights;
    }
    return firstLayer + (double) restPerExample * points * samples + (double) restWeights * points;
  }

  /**
   * FLOP of one training step per example: the forward products ({@code 2 sum in out}), the
   * kernels' gradients (as many again) and the gradients flowing back into layers 2..L's inputs
   * ({@code 2 sum_{l>=2} in out}; the data needs none).
   */
  public static long trainingStepPerExample(MlpArchitecture net) {
    long back = 0;
    for (int layer = 1; layer < net.layerCount(); layer++) {
      back += 2L * net.layerInput(layer) * net.layerOutput(layer);
    }
    return 2 * denseForwardPerExample(net) + back;
  }

  /** FLOP of one {@code n x n} by {@code n x n} matrix product. */
  public static double squareMatMul(int n) {
    return 2.0 * n * n * n;
  }
}
