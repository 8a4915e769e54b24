package org.losslandscape.models.curvature;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.SigmoidGrad;
import org.tensorflow.op.math.TanhGrad;
import org.tensorflow.op.nn.AvgPoolGrad;
import org.tensorflow.op.nn.BiasAddGrad;
import org.tensorflow.op.nn.Conv2dBackpropFilter;
import org.tensorflow.op.nn.Conv2dBackpropInput;
import org.tensorflow.op.nn.EluGrad;
import org.tensorflow.op.nn.MaxPoolGrad;
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
 * <p>And those of a convolutional network's backward ops, each bilinear or linear in its inputs:
 *
 * <ul>
 *   <li>{@code Conv2DBackpropFilter(x, sizes, dy)} is bilinear in {@code x} and {@code dy}: with
 *       upstream {@code g} (filter-shaped), the gradient for {@code x} is {@code
 *       Conv2DBackpropInput(shape(x), g, dy)} and for {@code dy} it is {@code Conv2D(x, g)}.
 *   <li>{@code Conv2DBackpropInput(sizes, w, dy)} is bilinear in {@code w} and {@code dy}: with
 *       upstream {@code g} (input-shaped), {@code Conv2DBackpropFilter(g, shape(w), dy)} and {@code
 *       Conv2D(g, w)}.
 *   <li>{@code MaxPoolGrad(x, y, dy)} routes {@code dy} to the argmax of each window: linear in
 *       {@code dy} (its gradient is {@code MaxPoolGradGrad}) and piecewise constant in {@code x}
 *       and {@code y} (zero gradient).
 *   <li>{@code AvgPoolGrad(sizes, dy)} spreads {@code dy} evenly over each window: linear, its
 *       gradient is {@code AvgPool} of the upstream.
 *   <li>{@code TanhGrad(y, dy) = dy (1 - y^2)}, {@code SigmoidGrad(y, dy) = dy y (1 - y)} and
 *       {@code EluGrad(dy, y) = dy (y > 0 ? 1 : y + 1)}: products, differentiated by the product
 *       rule.
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
                (Class) BiasAddGrad.Inputs.class, SecondOrderGradients::biasAddGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) Conv2dBackpropFilter.Inputs.class,
                SecondOrderGradients::convFilterGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) Conv2dBackpropInput.Inputs.class,
                SecondOrderGradients::convInputGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) MaxPoolGrad.Inputs.class, SecondOrderGradients::maxPoolGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) AvgPoolGrad.Inputs.class, SecondOrderGradients::avgPoolGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) TanhGrad.Inputs.class, SecondOrderGradients::tanhGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) SigmoidGrad.Inputs.class, SecondOrderGradients::sigmoidGradGradient)
            & TensorFlow.registerCustomGradient(
                (Class) EluGrad.Inputs.class, SecondOrderGradients::eluGradGradient);
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

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> convFilterGradGradient(
      Ops tf, Conv2dBackpropFilter.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    List<Long> strides = longs(op.strides);
    return java.util.Arrays.asList(
        tf.nn.conv2dBackpropInput(tf.shape(op.input), g, op.outBackprop, strides, op.padding),
        tf.zerosLike(op.filterSizes),
        tf.nn.conv2d(op.input, g, strides, op.padding));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> convInputGradGradient(
      Ops tf, Conv2dBackpropInput.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    List<Long> strides = longs(op.strides);
    return java.util.Arrays.asList(
        tf.zerosLike(op.inputSizes),
        tf.nn.conv2dBackpropFilter(g, tf.shape(op.filter), op.outBackprop, strides, op.padding),
        tf.nn.conv2d(g, op.filter, strides, op.padding));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> maxPoolGradGradient(
      Ops tf, MaxPoolGrad.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    return java.util.Arrays.asList(
        tf.zerosLike(op.origInput),
        tf.zerosLike(op.origOutput),
        tf.nn.maxPoolGradGrad(op.origInput, op.origOutput, g, op.ksize, op.strides, op.padding),
        tf.zerosLike(op.ksize),
        tf.zerosLike(op.strides));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> avgPoolGradGradient(
      Ops tf, AvgPoolGrad.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    return java.util.Arrays.asList(
        tf.zerosLike(op.origInputShape),
        tf.nn.avgPool(g, longs(op.ksize), longs(op.strides), op.padding));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> tanhGradGradient(
      Ops tf, TanhGrad.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    Operand y = op.y;
    // d/dy [dy (1 - y^2)] = -2 y dy; d/d(dy) = 1 - y^2.
    return List.of(
        tf.math.mul(tf.math.mul(g, op.dy), tf.math.mul(tf.constant(-2f), y)),
        tf.math.tanhGrad(y, g));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> sigmoidGradGradient(
      Ops tf, SigmoidGrad.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    Operand y = op.y;
    // d/dy [dy y (1 - y)] = dy (1 - 2 y); d/d(dy) = y (1 - y).
    Operand oneMinusTwoY = tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant(2f), y));
    return List.of(tf.math.mul(tf.math.mul(g, op.dy), oneMinusTwoY), tf.math.sigmoidGrad(y, g));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> eluGradGradient(
      Ops tf, EluGrad.Inputs op, List<Output<?>> upstream) {
    Operand g = upstream.get(0);
    Operand y = op.outputs;
    // For y <= 0 the factor is y + 1 (= exp(x)), whose derivative in y is 1; for y > 0 it is 0.
    Operand negative =
        tf.dtypes.cast(tf.math.lessEqual(y, tf.zerosLike(y)), org.tensorflow.types.TFloat32.class);
    return List.of(tf.nn.eluGrad(g, y), tf.math.mul(tf.math.mul(g, op.gradients), negative));
  }

  private static List<Long> longs(long[] values) {
    List<Long> out = new java.util.ArrayList<>();
    for (long v : values) {
      out.add(v);
    }
    return out;
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
