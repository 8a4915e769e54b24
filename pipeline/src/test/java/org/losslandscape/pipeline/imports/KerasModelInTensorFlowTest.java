package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.GraphSession;
import org.losslandscape.models.tf.Tensors;
import org.losslandscape.pipeline.io.NpyArray;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The Keras fixtures run through this tool's TensorFlow graph builder (LayeredNetwork): a CNN with
 * batch norm, a small ResNet and an MLP reproduce Keras' loss on the 256 samples to 1e-5 and its
 * predictions exactly, so convolutions, pooling, frozen batch norm and residual blocks compute what
 * TensorFlow's Keras computes.
 */
class KerasModelInTensorFlowTest {

  static Stream<String> models() {
    return Stream.of(KerasFixtures.CNN, KerasFixtures.RESNET, KerasFixtures.MLP);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void graphReproducesKeras(String model) {
    ImportedNetwork imported =
        KerasModelFile.read(KerasFixtures.model(model, KerasFixtures.ARCHIVE));
    Parameters parameters = imported.toParameters(model);
    NpyArray.Float32 samples = KerasFixtures.samples();
    int[] labels = KerasFixtures.labels();
    JsonNode expected = KerasFixtures.expected(model);
    LabeledData data = new LabeledData(samples.data(), labels, imported.inputShape().size());

    try (MlpEvaluator evaluator =
        new MlpEvaluator(parameters.architecture(), ExecutionSettings.cpu())) {
      Metrics m = evaluator.evaluate(parameters, data);
      assertThat(m.loss())
          .isCloseTo(expected.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
    }
    float[] logits = logits(parameters, data);
    float[] kerasLogits = KerasFixtures.logits(model).data();
    double largest = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int k = 1; k < 10; k++) {
        if (logits[i * 10 + k] > logits[i * 10 + best]) {
          best = k;
        }
      }
      assertThat(best)
          .as("prediction of sample %d", i)
          .isEqualTo(expected.get("predictions").get(i).asInt());
      for (int k = 0; k < 10; k++) {
        largest = Math.max(largest, Math.abs(logits[i * 10 + k] - kerasLogits[i * 10 + k]));
      }
    }
    assertThat(largest).isLessThan(1e-4);
  }

  private static float[] logits(Parameters parameters, LabeledData data) {
    Network network = parameters.architecture();
    try (GraphSession<Operand<TFloat32>> g =
            GraphSession.open(
                ExecutionSettings.cpu(),
                tf -> {
                  List<Operand<TFloat32>> w = new ArrayList<>();
                  for (Parameter p : parameters.tensors()) {
                    w.add(
                        tf.constant(
                            org.tensorflow.ndarray.Shape.of(Tensors.shape(p.shape())),
                            org.tensorflow.ndarray.buffer.DataBuffers.of(p.values(), true, false)));
                  }
                  Operand<TFloat32> x =
                      tf.constant(
                          org.tensorflow.ndarray.Shape.of(data.count(), data.featureSize()),
                          org.tensorflow.ndarray.buffer.DataBuffers.of(
                              data.features(), true, false));
                  return network.logits(tf, x, w);
                });
        Result result = g.session().runner().fetch(g.parts()).run()) {
      return Tensors.toArray((TFloat32) result.get(0));
    }
  }
}
