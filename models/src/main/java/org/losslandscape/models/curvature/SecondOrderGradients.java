package org.losslandscape.models.curvature;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BiasAddGrad;
import org.tensorflow.op.nn.ReluGrad;
import org.tensorflow.types.TInt32;

/**
 * Gives TensorFlow's gradient registry the gradients of the two backward-pass ops of an MLP that
 * TensorFlow Java 1.1.0 cannot differentiate, so that double backpropagation (Hessian-vector
 * products) works through {@code MlpGraph.logits}:
 *
 * <ul>
 *   <li>{@code ReluGrad(dy, x) = dy * (x > 0)} is linear in {@code dy} with the same mask and
 *       piecewise constant in {@code x}: its gradient is {@code ReluGrad(upstream, x)} for {@code
 *       dy} and zero for {@code x} (ReLU's second derivative is zero away from the kink, where it
 *       is undefined). This is the rule of TensorFlow's Python side.
 *   <li>{@code BiasAddGrad(dy)} sums {@code dy} over every axis but the channel axis: its gradient
 *       broadcasts the upstream {@code [channels]} vector back to the shape of {@code dy}.
 * </ul>
 *
 * <p>The registry is process-wide and refuses a second registration for an op, so registration runs
 * once per JVM through a class-initialization holder, which the JVM runs exactly once and
 * thread-safely. If another component registered a gradient for one of these ops first, that one
 * stays in use.
 */
final class SecondOrderGradients {

  private SecondOrderGradients() {}

  /**
   * Registers the gradients unless they are registered already; safe to call any number of times
   * from any thread.
   *
   * @return true if this class's gradients are the registered ones, false if another component had
   *     registered one of them before
   */
  static boolean ensureRegistered() {
    return Holder.REGISTERED_HERE;
  }

  /** The JVM runs this class's initialization exactly once, when the field is first read. */
  private static final class Holder {
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final boolean REGISTERED_HERE =
        TensorFlow.registerCustomGradient(
                (Class) ReluGrad.Inputs.class, SecondOrderGradients::reluGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) BiasAddGrad.Inputs.class, SecondOrderGradients::biasAddGradGradient);
  }

  // Gradient functions run inside TensorFlow's gradient builder, which holds the graph's lock:
  // they must not ask the graph anything (an Output's shape deadlocks). The typed inputs carry
  // what they need; shapes are taken at run time with Shape ops.

  /** Gradients of ReluGrad's two inputs, {@code (dy, features)}, given the upstream gradient. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> reluGradGradient(
      Ops tf, ReluGrad.Inputs reluGrad, List<Output<?>> upstream) {
    Operand gradientOfOutput = upstream.get(0);
    return List.of(
        tf.nn.reluGrad(gradientOfOutput, reluGrad.features), tf.zerosLike(reluGrad.features));
  }

  /** Gradient of BiasAddGrad's input {@code dy}: the upstream vector along the channel axis. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> biasAddGradGradient(
      Ops tf, BiasAddGrad.Inputs biasAddGrad, List<Output<?>> upstream) {
    Operand perChannel = upstream.get(0);
    Operand<TInt32> shape = tf.shape(biasAddGrad.outBackprop);
    if ("NCHW".equals(biasAddGrad.dataFormat)) {
      // Channels on axis 1: reshape the vector to [C, 1, ..., 1] (one 1 per axis after the
      // channels) so that broadcasting aligns it with axis 1.
      Operand<TInt32> trailingOnes =
          tf.onesLike(tf.slice(shape, tf.constant(new int[] {2}), tf.constant(new int[] {-1})));
      perChannel =
          tf.reshape(
              perChannel,
              tf.concat(List.of(tf.constant(new int[] {-1}), trailingOnes), tf.constant(0)));
    }
    return List.of(tf.broadcastTo(perChannel, shape));
  }
}
