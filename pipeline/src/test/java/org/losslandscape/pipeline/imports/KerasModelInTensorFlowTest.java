package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.io.NpyArray;

/**
 * The Keras fixtures run through this tool's TensorFlow graph builder (LayeredNetwork): a CNN with
 * batch norm, a small ResNet and an MLP reproduce Keras' loss on the 256 samples to 1e-5 and its
 * predictions exactly, so convolutions, pooling, frozen batch norm and residual blocks compute what
 * TensorFlow's Keras computes.
 */
class KerasModelInTensorFlowTest {

  static Stream<String> models() {
    return Stream.of(
        KerasFixtures.CNN, KerasFixtures.RESNET, KerasFixtures.MLP, KerasFixtures.PADDED);
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
    float[] logits = GraphLogits.of(parameters, data);
    float[] kerasLogits = KerasFixtures.logits(model).data();
    double largest = 0;
    for (int i = 0; i < labels.length; i++) {
      assertThat(GraphLogits.argmax(logits, i, 10))
          .as("prediction of sample %d", i)
          .isEqualTo(expected.get("predictions").get(i).asInt());
      for (int k = 0; k < 10; k++) {
        largest = Math.max(largest, Math.abs(logits[i * 10 + k] - kerasLogits[i * 10 + k]));
      }
    }
    assertThat(largest).isLessThan(1e-4);
  }
}
