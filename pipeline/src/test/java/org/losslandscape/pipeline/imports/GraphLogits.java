package org.losslandscape.pipeline.imports;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The logits this tool's TensorFlow graph gives for a model on data, as the imports' tests use. */
final class GraphLogits {

  private GraphLogits() {}

  /** Row-major {@code [data.count(), classes]} logits of {@code parameters} on {@code data}. */
  static float[] of(Parameters parameters, LabeledData data) {
    Network network = parameters.architecture();
    try (GraphSession<Operand<TFloat32>> g =
            GraphSession.open(
                ExecutionSettings.cpu(),
                tf -> {
                  List<Operand<TFloat32>> w = new ArrayList<>();
                  for (Parameter p : parameters.tensors()) {
                    w.add(
                        tf.constant(
                            Shape.of(Tensors.shape(p.shape())),
                            DataBuffers.of(p.values(), true, false)));
                  }
                  Operand<TFloat32> x =
                      tf.constant(
                          Shape.of(data.count(), data.featureSize()),
                          DataBuffers.of(data.features(), true, false));
                  return network.logits(tf, x, w);
                });
        Result result = g.session().runner().fetch(g.parts()).run()) {
      return Tensors.toArray((TFloat32) result.get(0));
    }
  }

  /** The index of the largest of the {@code classes} logits of example {@code i}. */
  static int argmax(float[] logits, int i, int classes) {
    int best = 0;
    for (int k = 1; k < classes; k++) {
      if (logits[i * classes + k] > logits[i * classes + best]) {
        best = k;
      }
    }
    return best;
  }
}
