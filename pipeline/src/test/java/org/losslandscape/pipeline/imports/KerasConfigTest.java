package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The config mapping on the spellings of other Keras versions: Keras 2 writes a Functional model's
 * inbound nodes as {@code [[[name, node, tensor, kwargs], ...]]}, its input and output layers as
 * lists of such triples and input shapes as {@code batch_input_shape}; a Keras 2 Sequential model
 * often has no InputLayer and puts the shape on its first layer. Each must map to the same network
 * as the Keras 3 config of the same model.
 */
class KerasConfigTest {

  private static final String SOURCE = "model.h5";

  @Test
  void keras2FunctionalSpellingGivesTheSameArchitecture() {
    ObjectNode keras3 = KerasFileEditing.config(KerasFixtures.RESNET);
    ObjectNode keras2 = keras3.deepCopy();
    ObjectNode config = (ObjectNode) keras2.get("config");
    for (JsonNode layer : config.get("layers")) {
      ArrayNode call = KerasFileEditing.MAPPER.createArrayNode();
      for (JsonNode history : layer.findValues("keras_history")) {
        call.add(
            KerasFileEditing.MAPPER
                .createArrayNode()
                .add(history.get(0).asText())
                .add(0)
                .add(0)
                .add(KerasFileEditing.MAPPER.createObjectNode()));
      }
      ArrayNode nodes = KerasFileEditing.MAPPER.createArrayNode();
      if (!call.isEmpty()) {
        nodes.add(call);
      }
      ((ObjectNode) layer).set("inbound_nodes", nodes);
      ObjectNode layerConfig = (ObjectNode) layer.get("config");
      if (layerConfig.has("batch_shape")) {
        layerConfig.set("batch_input_shape", layerConfig.remove("batch_shape"));
      }
    }
    config.set(
        "input_layers", KerasFileEditing.MAPPER.createArrayNode().add(config.get("input_layers")));
    config.set(
        "output_layers",
        KerasFileEditing.MAPPER.createArrayNode().add(config.get("output_layers")));
    keras2.put("class_name", "Model");

    KerasArchitecture expected = KerasConfig.parse(keras3, SOURCE);
    KerasArchitecture actual = KerasConfig.parse(keras2, SOURCE);
    assertThat(keras2.toString()).doesNotContain("keras_history", "batch_shape\"");
    assertThat(actual.spec()).isEqualTo(expected.spec());
    assertThat(actual.tensors()).isEqualTo(expected.tensors());
    assertThat(actual.inputShape()).isEqualTo(expected.inputShape());
  }

  @Test
  void sequentialWithoutInputLayerTakesTheFirstLayersShape() {
    ObjectNode keras3 = KerasFileEditing.config(KerasFixtures.CNN);
    ObjectNode keras2 = keras3.deepCopy();
    ArrayNode layers = (ArrayNode) keras2.path("config").path("layers");
    JsonNode input = layers.remove(0);
    ((ObjectNode) layers.get(0).get("config"))
        .set("batch_input_shape", input.path("config").path("batch_shape"));
    ((ObjectNode) keras2.get("config")).remove("build_input_shape");

    KerasArchitecture expected = KerasConfig.parse(keras3, SOURCE);
    KerasArchitecture actual = KerasConfig.parse(keras2, SOURCE);
    assertThat(actual.spec()).isEqualTo(expected.spec());
    assertThat(actual.inputShape()).isEqualTo(expected.inputShape());
    assertThat(actual.tensors()).isEqualTo(expected.tensors());
  }

  @Test
  void archivePathsFollowKerasSnakeCaseAndCounters() {
    assertThat(KerasConfig.snakeCase("BatchNormalization")).isEqualTo("batch_normalization");
    assertThat(KerasConfig.snakeCase("ReLU")).isEqualTo("re_lu");
    assertThat(KerasConfig.snakeCase("GlobalAveragePooling2D"))
        .isEqualTo("global_average_pooling2d");
    assertThat(KerasConfig.snakeCase("Conv2D")).isEqualTo("conv2d");
    KerasArchitecture cnn = KerasConfig.parse(KerasFileEditing.config(KerasFixtures.CNN), SOURCE);
    assertThat(cnn.archivePaths())
        .containsEntry("conv_a", "layers/conv2d")
        .containsEntry("conv_b", "layers/conv2d_1")
        .containsEntry("bn_b", "layers/batch_normalization_1")
        .containsEntry("relu_b", "layers/re_lu");
  }
}
