package org.losslandscape.models.mlp;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the MLP's forward pass and its loss as TensorFlow ops. Stateless: every method adds ops to
 * the graph behind the given {@link Ops} and returns their outputs.
 */
public final class MlpGraph {

  private MlpGraph() {}

  /**
   * Logits of {@code x} ({@code [samples, in]}) through the layers whose kernels and biases are
   * {@code parameters} (kernel, bias, kernel, bias, ...); ReLU after every layer but the last.
   */
  public static Operand<TFloat32> logits(
      Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> parameters) {
    Operand<TFloat32> h = x;
    int layers = parameters.size() / 2;
    for (int layer = 0; layer < layers; layer++) {
      h =
          tf.nn.biasAdd(
              tf.linalg.matMul(h, parameters.get(2 * layer)), parameters.get(2 * layer + 1));
      if (layer < layers - 1) {
        h = tf.nn.relu(h);
      }
    }
    return h;
  }

  /**
   * Mean softmax cross-entropy of {@code [samples, classes]} logits against integer labels; the
   * training objective. Built on {@link #perExample} because TensorFlow's C++ gradient registry,
   * which graph-mode Java uses, has no gradient for the fused sparse cross-entropy op.
   */
  public static Operand<TFloat32> meanCrossEntropy(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    return tf.math.mean(perExample(tf, logits, oneHot).loss(), tf.constant(0));
  }

  /**
   * Per-example cross-entropy and correctness for logits of any rank whose last axis is the classes
   * (e.g. {@code [samples, C]} or {@code [points, samples, C]}).
   *
   * <p>Written as log-sum-exp by hand rather than with the stock fused op: it broadcasts over a
   * leading grid axis and costs a third of {@code SparseSoftmaxCrossEntropyWithLogits + InTopK} on
   * the CPU (measured with the {@code bench} command). An example counts as correct only when its
   * label's logit is strictly larger than every other logit: ties are not rare (a net whose last
   * hidden layer is dead outputs its bias for every input) and must not count as hits.
   *
   * @param oneHotLabels labels as a one-hot float tensor broadcastable to {@code logits}
   */
  public static PerExample perExample(
      Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHotLabels) {
    return perExample(tf, logits, oneHotLabels, -1);
  }

  /**
   * As {@link #perExample(Ops, Operand, Operand)}, with the classes on axis {@code classAxis}
   * (negative counts from the end). Logits laid out {@code [C, samples]} (class axis 0) are reduced
   * several times faster on the CPU than {@code [samples, C]}: a reduction over a short inner axis
   * of 10 does not vectorize, one over the outer axis is a vectorized pass over rows.
   */
  public static PerExample perExample(
      Ops tf, Operand<TFloat32> logits, Operand<TFloat32> oneHotLabels, int classAxis) {
    Operand<TInt32> axis = tf.constant(classAxis);
    Operand<TFloat32> labelLogit =
        tf.reduceSum(
            tf.math.mul(logits, oneHotLabels),
            axis,
            org.tensorflow.op.core.ReduceSum.keepDims(true));
    // The largest of the other logits: push the label's own logit far below every real value.
    Operand<TFloat32> maxOther =
        tf.reduceMax(
            tf.math.sub(logits, tf.math.mul(oneHotLabels, tf.constant(1e30f))),
            axis,
            org.tensorflow.op.core.ReduceMax.keepDims(true));
    // The max of all logits, without a second reduction over the classes. The shift by it only
    // keeps exp() finite; the loss does not depend on it, so no gradient flows through it
    // (and Max's gradient would cost a second pass).
    Operand<TFloat32> max = tf.stopGradient(tf.math.maximum(labelLogit, maxOther));
    Operand<TFloat32> sumExp =
        tf.reduceSum(
            tf.math.exp(tf.math.sub(logits, max)),
            axis,
            org.tensorflow.op.core.ReduceSum.keepDims(true));
    Operand<TFloat32> logSumExp = tf.math.add(tf.math.log(sumExp), max);
    Operand<TFloat32> loss =
        tf.squeeze(
            tf.math.sub(logSumExp, labelLogit),
            org.tensorflow.op.core.Squeeze.axis(List.of((long) classAxis)));
    Operand<TFloat32> correct =
        tf.squeeze(
            tf.dtypes.cast(tf.math.greater(labelLogit, maxOther), TFloat32.class),
            org.tensorflow.op.core.Squeeze.axis(List.of((long) classAxis)));
    return new PerExample(loss, correct);
  }

  /**
   * Per-example loss and correctness (1 or 0) outputs.
   *
   * @param loss cross-entropy of each example
   * @param correct 1 where the label has the largest logit, else 0
   */
  public record PerExample(Operand<TFloat32> loss, Operand<TFloat32> correct) {}
}
