package org.losslandscape.models.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.testing.DoubleMlp;
import org.losslandscape.models.testing.TinyProblems;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The stacked forward and hand-written backward pass against a double-precision textbook
 * backpropagation ({@link DoubleMlp}), one model of the stack at a time.
 */
class StackedMlpTest {

  private static final MlpArchitecture NET = new MlpArchitecture(6, List.of(7, 5), 3);

  /** Runs the stacked gradient of M models, each on its own data, and returns [model][flat]. */
  private static float[][] stackedGradients(List<Parameters> models, List<LabeledData> data) {
    int m = models.size();
    int n = data.get(0).count();
    try (GraphSession<List<Operand<TFloat32>>> g =
        GraphSession.open(
            ExecutionSettings.cpu(),
            tf -> {
              float[] x = new float[m * n * NET.inputSize()];
              float[] y = new float[m * n * NET.classes()];
              for (int k = 0; k < m; k++) {
                System.arraycopy(
                    data.get(k).features(), 0, x, k * n * NET.inputSize(), n * NET.inputSize());
                for (int i = 0; i < n; i++) {
                  y[(k * n + i) * NET.classes() + data.get(k).labels()[i]] = 1;
                }
              }
              List<Operand<TFloat32>> stacked = new ArrayList<>();
              for (int t = 0; t < models.get(0).tensors().size(); t++) {
                Parameter p = models.get(0).tensors().get(t);
                float[] values = new float[m * p.size()];
                for (int k = 0; k < m; k++) {
                  System.arraycopy(
                      models.get(k).tensors().get(t).values(), 0, values, k * p.size(), p.size());
                }
                long[] shape =
                    p.isKernel()
                        ? new long[] {m, p.shape()[0], p.shape()[1]}
                        : new long[] {m, 1, p.shape()[0]};
                stacked.add(constant(tf, values, shape));
              }
              Operand<TFloat32> xs = constant(tf, x, m, n, NET.inputSize());
              Operand<TFloat32> ys = constant(tf, y, m, n, NET.classes());
              StackedMlp.Forward f = StackedMlp.forward(tf, xs, stacked);
              return StackedMlp.meanCrossEntropyGradients(tf, f, stacked, ys, n);
            })) {
      var runner = g.session().runner();
      g.parts().forEach(runner::fetch);
      float[][] out = new float[m][(int) NET.parameterCount()];
      try (Result r = runner.run()) {
        int offset = 0;
        for (int t = 0; t < g.parts().size(); t++) {
          float[] all = Tensors.toArray((TFloat32) r.get(t));
          int size = all.length / m;
          for (int k = 0; k < m; k++) {
            System.arraycopy(all, k * size, out[k], offset, size);
          }
          offset += size;
        }
      }
      return out;
    }
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
    try (TFloat32 t = Tensors.floats(values, shape)) {
      return tf.constantOf(t);
    }
  }

  @Test
  void everyModelsGradientIsItsOwnTextbookBackpropagationGradient() {
    List<Parameters> models = new ArrayList<>();
    List<LabeledData> data = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      models.add(Initialization.HE.initialize(NET, 10 + k));
      data.add(TinyProblems.gaussianBlobs(9, 6, 3, 20 + k));
    }
    float[][] stacked = stackedGradients(models, data);
    ParameterLayout layout = new ParameterLayout(NET);
    for (int k = 0; k < 4; k++) {
      double[] expected = new DoubleMlp(NET, data.get(k)).gradient(layout.flatten(models.get(k)));
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) stacked[k][i])
            .as("model %d entry %d", k, i)
            .isCloseTo(expected[i], within(1e-5));
      }
    }
  }

  @Test
  void withDropoutMasksTheGradientIsThatOfTheMaskedNetwork() {
    // One model, fixed masks: the gradient of the masked network's loss against central
    // differences of that loss, computed through the same forward pass in double precision.
    Parameters p = Initialization.HE.initialize(NET, 4);
    LabeledData data = TinyProblems.gaussianBlobs(9, 6, 3, 5);
    java.util.Random random = new java.util.Random(3);
    float[][] masks = new float[2][];
    int[] widths = {7, 5};
    for (int l = 0; l < 2; l++) {
      masks[l] = new float[9 * widths[l]];
      for (int i = 0; i < masks[l].length; i++) {
        masks[l][i] = random.nextDouble() < 0.3 ? 0f : 1f / 0.7f;
      }
    }
    float[] analytic = maskedGradient(p, data, masks);
    ParameterLayout layout = new ParameterLayout(NET);
    double[] theta = layout.flatten(p);
    for (int k = 0; k < theta.length; k += 7) {
      double h = 1e-3;
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[k] += h;
      minus[k] -= h;
      double numeric =
          (maskedLoss(layout.unflatten(plus), data, masks)
                  - maskedLoss(layout.unflatten(minus), data, masks))
              / (2 * h);
      assertThat((double) analytic[k]).as("entry %d", k).isCloseTo(numeric, within(2e-3));
    }
  }

  /** The masked network's mean cross-entropy, in double precision. */
  private static double maskedLoss(Parameters p, LabeledData data, float[][] masks) {
    double total = 0;
    int n = data.count();
    for (int row = 0; row < n; row++) {
      double[] h = new double[6];
      for (int i = 0; i < 6; i++) {
        h[i] = data.features()[row * 6 + i];
      }
      for (int layer = 0; layer < 3; layer++) {
        Parameter w = p.kernel(layer);
        Parameter b = p.bias(layer);
        int out = w.shape()[1];
        double[] z = new double[out];
        for (int j = 0; j < out; j++) {
          z[j] = b.values()[j];
          for (int i = 0; i < h.length; i++) {
            z[j] += h[i] * w.values()[i * out + j];
          }
        }
        if (layer < 2) {
          for (int j = 0; j < out; j++) {
            z[j] = Math.max(0, z[j]) * masks[layer][row * out + j];
          }
        }
        h = z;
      }
      double max = java.util.Arrays.stream(h).max().orElseThrow();
      double sum = 0;
      for (double v : h) {
        sum += Math.exp(v - max);
      }
      total += Math.log(sum) + max - h[data.labels()[row]];
    }
    return total / n;
  }

  /** The stacked gradient of one model with the given masks. */
  private static float[] maskedGradient(Parameters p, LabeledData data, float[][] masks) {
    int n = data.count();
    try (GraphSession<List<Operand<TFloat32>>> g =
        GraphSession.open(
            ExecutionSettings.cpu(),
            tf -> {
              List<Operand<TFloat32>> stacked = new ArrayList<>();
              for (Parameter t : p.tensors()) {
                long[] shape =
                    t.isKernel()
                        ? new long[] {1, t.shape()[0], t.shape()[1]}
                        : new long[] {1, 1, t.shape()[0]};
                stacked.add(constant(tf, t.values(), shape));
              }
              float[] y = new float[n * 3];
              for (int i = 0; i < n; i++) {
                y[i * 3 + data.labels()[i]] = 1;
              }
              List<Operand<TFloat32>> m =
                  List.of(constant(tf, masks[0], 1, n, 7), constant(tf, masks[1], 1, n, 5));
              StackedMlp.Forward f =
                  StackedMlp.forward(tf, constant(tf, data.features(), 1, n, 6), stacked, m);
              return StackedMlp.meanCrossEntropyGradients(
                  tf, f, stacked, constant(tf, y, 1, n, 3), n);
            })) {
      var runner = g.session().runner();
      g.parts().forEach(runner::fetch);
      float[] out = new float[(int) NET.parameterCount()];
      try (Result r = runner.run()) {
        int offset = 0;
        for (int t = 0; t < g.parts().size(); t++) {
          float[] v = Tensors.toArray((TFloat32) r.get(t));
          System.arraycopy(v, 0, out, offset, v.length);
          offset += v.length;
        }
      }
      return out;
    }
  }
}
