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
                    p.isMatrix()
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
}
