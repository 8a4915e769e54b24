package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.mlp.Parameter;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ascent step of SAM and ASAM as TensorFlow ops: the perturbation e added to the weights before
 * the second gradient is taken (definitions in {@link Optimizer}).
 *
 * <p>With s = T g (ASAM; s = g for SAM), e = rho T s / (||s|| + guard), where T = |w| + eta on
 * kernels and 1 on biases, and ||s|| runs over every parameter tensor at once. So ||e|| = rho for
 * SAM and ||T⁻¹ e|| = rho for ASAM: e lies on the boundary of the ball it maximizes over.
 */
final class SharpnessAwarePerturbation {

  private SharpnessAwarePerturbation() {}

  /**
   * The perturbation of every tensor of {@code weights}, given the minibatch gradients at them.
   *
   * @param layout the parameters whose shapes {@code weights} have, in the same order; kernels
   *     (matrices) get ASAM's elementwise scaling, biases do not
   */
  static List<Operand<TFloat32>> perturbation(
      Ops tf,
      Optimizer optimizer,
      List<? extends Operand<TFloat32>> weights,
      List<? extends Operand<TFloat32>> gradients,
      List<Parameter> layout) {
    if (!optimizer.isSharpnessAware()) {
      throw new IllegalArgumentException("plain SGD does not perturb the weights");
    }
    boolean adaptive = optimizer.kind() == Optimizer.Kind.ASAM;
    List<Operand<TFloat32>> scales = new ArrayList<>(); // T, or null where T is the identity
    List<Operand<TFloat32>> scaledGradients = new ArrayList<>(); // s = T g
    List<Operand<TFloat32>> squaredNorms = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Operand<TFloat32> t =
          adaptive && layout.get(i).isKernel()
              ? tf.math.add(tf.math.abs(weights.get(i)), tf.constant((float) optimizer.eta()))
              : null;
      Operand<TFloat32> s = t == null ? gradients.get(i) : tf.math.mul(t, gradients.get(i));
      scales.add(t);
      scaledGradients.add(s);
      squaredNorms.add(tf.reduceSum(tf.math.square(s), allAxes(tf, layout.get(i))));
    }
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squaredNorms));
    Operand<TFloat32> step =
        tf.math.div(
            tf.constant((float) optimizer.rho()),
            tf.math.add(norm, tf.constant((float) Optimizer.NORM_GUARD)));
    List<Operand<TFloat32>> perturbation = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Operand<TFloat32> t = scales.get(i);
      Operand<TFloat32> direction =
          t == null ? scaledGradients.get(i) : tf.math.mul(t, scaledGradients.get(i));
      perturbation.add(tf.math.mul(direction, step));
    }
    return perturbation;
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Parameter parameter) {
    int[] axes = new int[parameter.shape().length];
    for (int a = 0; a < axes.length; a++) {
      axes[a] = a;
    }
    return tf.constant(axes);
  }
}
