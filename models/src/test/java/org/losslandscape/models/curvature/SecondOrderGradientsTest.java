package org.losslandscape.models.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.nn.BiasAdd;
import org.tensorflow.types.TFloat32;

/**
 * The registered gradient of BiasAddGrad, on its own: for {@code f = sum(BiasAdd(x, b)^2) / 2} the
 * bias gradient is {@code BiasAddGrad(y)}, and the gradient of {@code <BiasAddGrad(y), v>} with
 * respect to x is v broadcast along the channel axis, in either data format.
 */
class SecondOrderGradientsTest {

  @ParameterizedTest
  @ValueSource(strings = {"NHWC", "NCHW"})
  void theGradientOfBiasAddGradBroadcastsAlongTheChannelAxis(String format) {
    SecondOrderGradients.ensureRegistered();
    boolean channelsFirst = format.equals("NCHW");
    long[] shape = channelsFirst ? new long[] {2, 3, 4} : new long[] {2, 4, 3};
    float[] x = new float[24];
    for (int k = 0; k < x.length; k++) {
      x[k] = (float) Math.sin(k + 1.0);
    }
    float[] v = {0.5f, -2f, 3f};
    try (Graph graph = new Graph()) {
      Ops tf = ExecutionSettings.cpu().ops(graph);
      Operand<TFloat32> input = tf.constant(org.tensorflow.ndarray.Shape.of(shape), floats(x));
      Operand<TFloat32> bias = tf.constant(new float[] {0.1f, 0.2f, -0.3f});
      Operand<TFloat32> y = tf.nn.biasAdd(input, bias, BiasAdd.dataFormat(format));
      Operand<TFloat32> f =
          tf.math.mul(
              tf.constant(0.5f), tf.reduceSum(tf.math.square(y), tf.constant(new int[] {0, 1, 2})));
      Operand<TFloat32> one = tf.constant(1f);
      Operand<TFloat32> biasGradient =
          tf.gradients(f, List.of(bias), Gradients.dx(List.of(one))).dy(0);
      Operand<TFloat32> inner =
          tf.reduceSum(tf.math.mul(biasGradient, tf.constant(v)), tf.constant(0));
      Operand<TFloat32> secondOrder =
          tf.gradients(inner, List.of(input), Gradients.dx(List.of(one))).dy(0);
      try (Session session = new Session(graph);
          Result result = session.runner().fetch(secondOrder).run()) {
        float[] actual = Tensors.toArray((TFloat32) result.get(0));
        for (int k = 0; k < actual.length; k++) {
          int channel = channelsFirst ? (k / 4) % 3 : k % 3;
          assertThat((double) actual[k]).as("entry %d", k).isCloseTo(v[channel], within(1e-6));
        }
      }
    }
  }

  private static org.tensorflow.ndarray.buffer.FloatDataBuffer floats(float[] values) {
    return org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false);
  }
}
