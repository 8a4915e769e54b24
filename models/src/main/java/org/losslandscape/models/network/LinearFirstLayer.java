package org.losslandscape.models.network;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A network split after its first layer, when that layer is linear in its weights (a dense or a
 * convolution layer): its output for the kernel {@code K + a D1 + b D2} is {@code product(K) + a
 * product(D1) + b product(D2)}, so a slice computes the three products once per sample chunk and
 * shares them between all its grid points, instead of running the first layer at every point. (Li
 * et al.'s directions give the first layer's bias its own direction entries; the bias is added per
 * point, after the products.)
 */
public interface LinearFirstLayer {

  /** The index of the first layer's kernel among the network's parameter tensors. */
  int kernelIndex();

  /**
   * Multiply-adds of the first layer per example: with {@link Network#multiplyAddsPerExample()},
   * the share of a forward pass that sharing saves.
   */
  long multiplyAddsPerExample();

  /**
   * Multiply-adds behind each output of the first layer: a dense layer's inputs, a convolution's
   * kernel height x width x input channels. The combination {@code P + a Q + b R} costs a few
   * operations per output whatever this is, so sharing pays only when it is large.
   */
  long multiplyAddsPerOutput();

  /**
   * The first layer's output for {@code kernel} on {@code x} ({@code [samples,
   * inputShape().size()]}), without its bias: linear in {@code kernel}.
   */
  Operand<TFloat32> product(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel);

  /**
   * The logits from the first layer's {@code product} (e.g. a combination of {@link #product}s):
   * adds the first layer's bias from {@code parameters} (all of the network's tensors; the first
   * kernel is not read), then runs every later layer.
   *
   * @param state the batch-norm statistics to normalize with (frozen), in {@link
   *     Network#stateSpecs()} order; empty for a network with batch norm means each evaluated
   *     batch's own statistics ({@link BatchNormMode#BATCH})
   */
  Operand<TFloat32> logitsFrom(
      Ops tf,
      Operand<TFloat32> product,
      List<? extends Operand<TFloat32>> parameters,
      List<? extends Operand<TFloat32>> state);
}
