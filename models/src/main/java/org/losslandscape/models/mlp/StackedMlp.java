package org.losslandscape.models.mlp;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * M MLPs of one architecture as one set of TensorFlow ops: every parameter carries a leading model
 * axis (kernels {@code [M, in, out]}, biases {@code [M, 1, out]}), activations are {@code [M,
 * samples, width]}, and each layer is one batched matrix product for all M models.
 *
 * <p>The backward pass is written out rather than left to {@code tf.gradients}: TensorFlow's
 * registered gradient of {@code BatchMatMulV2} emits {@code BatchMatMulV3}, which this build runs
 * on Eigen instead of oneDNN at about half the speed (measured: the stacked step took 2.0 ms
 * instead of 1.1 ms at M = 10, batch 32). Written out, every product of a step, forward and
 * backward, is a oneDNN {@code BatchMatMulV2}. The gradient is textbook backpropagation for softmax
 * cross-entropy and ReLU; it is tested against autodiff and a double-precision reference.
 *
 * <p>Models never mix: entry m of every output depends on entry m of the inputs only, so a model's
 * numbers do not depend on which other models share its stack (to the extent that oneDNN computes
 * each matrix of a batch the same way whatever the batch count; {@code StackedTrainerTest} checks
 * it bit for bit).
 */
public final class StackedMlp {

  private StackedMlp() {}

  /**
   * The forward pass of M models, keeping what the backward pass needs.
   *
   * @param inputs each layer's input: {@code inputs.get(0)} is the data, {@code [M, n, in]} or
   *     {@code [n, in]} (shared by every model)
   * @param preactivations each layer's {@code x W + b}; the last is the logits {@code [M, n, C]}
   * @param masks each hidden layer's dropout mask (already scaled by 1 / keep), or empty
   */
  public record Forward(
      List<Operand<TFloat32>> inputs,
      List<Operand<TFloat32>> preactivations,
      List<Operand<TFloat32>> masks) {
    public Forward {
      inputs = List.copyOf(inputs);
      preactivations = List.copyOf(preactivations);
      masks = List.copyOf(masks);
    }

    /** The logits, {@code [M, n, classes]}. */
    public Operand<TFloat32> logits() {
      return preactivations.get(preactivations.size() - 1);
    }
  }

  /**
   * Runs {@code x} through the M models whose stacked parameters are {@code parameters} (kernel,
   * bias, kernel, bias, ...), ReLU after every layer but the last.
   *
   * @param x {@code [M, n, in]} (each model its own samples) or {@code [n, in]} (the same samples
   *     for every model)
   */
  public static Forward forward(
      Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> parameters) {
    return forward(tf, x, parameters, List.of());
  }

  /**
   * As {@link #forward(Ops, Operand, List)}, with each hidden layer's output multiplied by its
   * dropout mask ({@code [M, n, width]}, zeros and 1 / keep; empty for no dropout).
   */
  public static Forward forward(
      Ops tf,
      Operand<TFloat32> x,
      List<? extends Operand<TFloat32>> parameters,
      List<Operand<TFloat32>> masks) {
    int layers = parameters.size() / 2;
    List<Operand<TFloat32>> inputs = new ArrayList<>();
    List<Operand<TFloat32>> preactivations = new ArrayList<>();
    Operand<TFloat32> h = x;
    for (int layer = 0; layer < layers; layer++) {
      inputs.add(h);
      Operand<TFloat32> z =
          tf.math.add(
              batchMatMul(tf, h, parameters.get(2 * layer), false, false),
              parameters.get(2 * layer + 1));
      preactivations.add(z);
      if (layer < layers - 1) {
        h = tf.nn.relu(z);
        if (!masks.isEmpty()) {
          h = tf.math.mul(h, masks.get(layer));
        }
      } else {
        h = z;
      }
    }
    return new Forward(inputs, preactivations, masks);
  }

  /**
   * The gradients of each model's mean cross-entropy over its {@code batch} samples with respect to
   * its own parameters, stacked like {@code parameters}.
   *
   * @param forward the forward pass at {@code parameters}
   * @param oneHotLabels {@code [M, batch, C]}
   * @param batch samples per model (the mean's divisor)
   */
  public static List<Operand<TFloat32>> meanCrossEntropyGradients(
      Ops tf,
      Forward forward,
      List<? extends Operand<TFloat32>> parameters,
      Operand<TFloat32> oneHotLabels,
      int batch) {
    int layers = parameters.size() / 2;
    // d(mean CE)/d logits = (softmax - one-hot) / batch.
    Operand<TFloat32> delta =
        tf.math.mul(
            tf.math.sub(tf.nn.softmax(forward.logits()), oneHotLabels), tf.constant(1f / batch));
    List<Operand<TFloat32>> gradients = new ArrayList<>(parameters);
    // A bias's gradient sums delta over the batch: as the product ones[1, batch] x delta rather
    // than a ReduceSum over the middle axis, whose summation order depends on the whole tensor's
    // size (at batch 1024 the models in the second half of a stack of 10 got weights 1 ulp away
    // from the same models trained alone); each model's product is its own.
    Operand<TFloat32> ones = tf.fill(tf.constant(new int[] {1, batch}), tf.constant(1f));
    for (int layer = layers - 1; layer >= 0; layer--) {
      Operand<TFloat32> input = forward.inputs().get(layer);
      gradients.set(2 * layer, batchMatMul(tf, input, delta, true, false));
      gradients.set(2 * layer + 1, batchMatMul(tf, ones, delta, false, false));
      if (layer > 0) {
        Operand<TFloat32> back = batchMatMul(tf, delta, parameters.get(2 * layer), false, true);
        if (!forward.masks().isEmpty()) {
          back = tf.math.mul(back, forward.masks().get(layer - 1));
        }
        delta = tf.nn.reluGrad(back, forward.preactivations().get(layer - 1));
      }
    }
    return gradients;
  }

  /**
   * {@code BatchMatMulV2(a, b)} with optional adjoints: no typed wrapper exists in TF Java 1.1.0,
   * and the typed {@code batchMatMul} emits the slower V3. A rank-2 operand broadcasts against a
   * rank-3 one.
   */
  @SuppressWarnings("unchecked")
  public static Operand<TFloat32> batchMatMul(
      Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, boolean adjointA, boolean adjointB) {
    Output<?> out =
        tf.scope()
            .opBuilder("BatchMatMulV2", "BatchMatMulV2")
            .addInput(a.asOutput())
            .addInput(b.asOutput())
            .setAttr("adj_x", adjointA)
            .setAttr("adj_y", adjointB)
            .build()
            .output(0);
    return (Operand<TFloat32>) out;
  }
}
