package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * What the Keras reader refuses, and that each refusal is one line naming the file and, where there
 * is one, the layer and its Keras class. The files are the fixtures with their config edited here
 * (the weights stay Keras' own), so each test changes one thing a real file could have.
 */
class KerasModelFileErrorTest {

  @TempDir Path folder;

  /** Reads {@code model}'s archive with its config edited by {@code edit}; returns the failure. */
  private ResultsException refusal(String model, Consumer<ObjectNode> edit) {
    ObjectNode config = KerasFileEditing.config(model);
    edit.accept(config);
    Path file =
        KerasFileEditing.archive(
            folder.resolve("edited.keras"), config, KerasFileEditing.weights(model));
    return refusal(file);
  }

  private static ResultsException refusal(Path file) {
    ResultsException failure =
        catchThrowableOfType(ResultsException.class, () -> KerasModelFile.read(file));
    assertThat(failure).as("refused").isNotNull();
    assertThat(failure.getMessage()).doesNotContain("\n", "\r").startsWith(file.toString());
    return failure;
  }

  @Test
  void anUnsupportedLayerClassIsNamed() {
    ResultsException failure =
        refusal(
            KerasFixtures.CNN, c -> KerasFileEditing.layer(c, "relu_a").put("class_name", "LSTM"));
    assertThat(failure.getMessage())
        .contains("layer 'relu_a' (LSTM) is not supported")
        .contains("Conv2D");
  }

  @Test
  void aDilatedConvolutionIsNamed() {
    ResultsException failure =
        refusal(
            KerasFixtures.CNN,
            c ->
                ((ObjectNode) KerasFileEditing.layer(c, "conv_b").get("config"))
                    .set("dilation_rate", KerasFileEditing.MAPPER.valueToTree(new int[] {2, 2})));
    assertThat(failure.getMessage()).contains("layer 'conv_b' (Conv2D) has dilation_rate [2, 2]");
  }

  @Test
  void channelsFirstAndGroupedConvolutionsAreNamed() {
    assertThat(
            refusal(
                    KerasFixtures.CNN,
                    c -> layerConfig(c, "conv_a").put("data_format", "channels_first"))
                .getMessage())
        .contains("layer 'conv_a' (Conv2D) has data_format \"channels_first\"");
    assertThat(
            refusal(KerasFixtures.CNN, c -> layerConfig(c, "conv_b").put("groups", 2)).getMessage())
        .contains("layer 'conv_b' (Conv2D) has groups 2");
    assertThat(
            refusal(
                    KerasFixtures.CNN,
                    c -> layerConfig(c, "pool_a").put("data_format", "channels_first"))
                .getMessage())
        .contains("layer 'pool_a' (MaxPooling2D)");
  }

  @Test
  void aConcatenateInsteadOfAnAddIsNamed() {
    ResultsException failure =
        refusal(
            KerasFixtures.RESNET,
            c -> KerasFileEditing.layer(c, "b1_add").put("class_name", "Concatenate"));
    assertThat(failure.getMessage()).contains("layer 'b1_add' (Concatenate) merges 2 tensors");
  }

  @Test
  void aSoftmaxThatIsNotLastIsNamed() {
    ResultsException failure =
        refusal(KerasFixtures.CNN, c -> layerConfig(c, "relu_a").put("activation", "softmax"));
    assertThat(failure.getMessage())
        .contains(
            "layer 'relu_a' (Activation) applies a softmax that is not the model's last step");
  }

  @Test
  void anUnknownActivationIsNamed() {
    ResultsException failure =
        refusal(KerasFixtures.CNN, c -> layerConfig(c, "conv_a").put("activation", "gelu"));
    assertThat(failure.getMessage())
        .contains("layer 'conv_a' (Conv2D) has activation 'gelu'")
        .contains("relu");
  }

  @Test
  void aDenseOnAnImageNeedsAFlatten() {
    ResultsException failure = refusal(KerasFixtures.CNN, c -> removeLayer(c, "gap"));
    assertThat(failure.getMessage())
        .contains("layer 'logits' (Dense) receives a (6, 6, 16) tensor; put a Flatten");
  }

  @Test
  void aLayerCalledTwiceIsRefused() {
    ResultsException failure =
        refusal(
            KerasFixtures.RESNET,
            c -> {
              ArrayNode nodes = (ArrayNode) KerasFileEditing.layer(c, "gap").get("inbound_nodes");
              nodes.add(nodes.get(0).deepCopy());
            });
    assertThat(failure.getMessage())
        .contains("layer 'gap' (GlobalAveragePooling2D) is called 2 times");
  }

  @Test
  void branchesThatDoNotMeetInAnAddAreRefused() {
    // The identity block's body now bypasses its Add and feeds the next block directly.
    ResultsException failure =
        refusal(
            KerasFixtures.RESNET,
            c ->
                ((ObjectNode)
                        KerasFileEditing.layer(c, "b1_out").at("/inbound_nodes/0/args/0/config"))
                    .set(
                        "keras_history",
                        KerasFileEditing.MAPPER.createArrayNode().add("b1_bn2").add(0).add(0)));
    assertThat(failure.getMessage()).contains("layer 'b1_bn2' (BatchNormalization) feeds 2 layers");
  }

  @Test
  void anUnknownModelClassIsRefused() {
    ResultsException failure = refusal(KerasFixtures.CNN, c -> c.put("class_name", "MyModel"));
    assertThat(failure.getMessage()).contains("the model's class is 'MyModel'");
  }

  @Test
  void weightsThatDoNotFitTheConfigAreNamed() {
    ResultsException failure =
        refusal(KerasFixtures.CNN, c -> layerConfig(c, "conv_a").put("filters", 4));
    assertThat(failure.getMessage())
        .contains("conv_a.kernel")
        .contains("[3, 3, 1, 8]")
        .contains("[3, 3, 1, 4]");
    ResultsException renamed =
        refusal(KerasFixtures.CNN, c -> layerConfig(c, "logits").put("name", "scores"));
    assertThat(renamed.getMessage()).contains("no variables for layer 'scores'");
    ResultsException noBias =
        refusal(KerasFixtures.CNN, c -> layerConfig(c, "logits").put("use_bias", false));
    assertThat(noBias.getMessage())
        .contains("layer 'logits' stores 2 variables")
        .contains("needs 1 (kernel)");
  }

  @Test
  void notAModelFile() throws IOException {
    Path text = Files.writeString(folder.resolve("notes.h5"), "not a model");
    assertThat(refusal(text).getMessage()).contains("is neither a .keras archive");
    Path missing = folder.resolve("missing.keras");
    assertThat(catchThrowableOfType(ResultsException.class, () -> KerasModelFile.read(missing)))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("is not a file");
    Path noWeights =
        KerasFileEditing.archive(
            folder.resolve("config-only.keras"), KerasFileEditing.config(KerasFixtures.CNN), null);
    assertThat(refusal(noWeights).getMessage()).contains("has no model.weights.h5");
    Path badJson = folder.resolve("bad-json.keras");
    KerasFileEditing.archive(badJson, KerasFileEditing.MAPPER.getNodeFactory().textNode("{"), null);
    assertThat(refusal(badJson).getMessage()).contains("not a JSON object");
  }

  @Test
  void anHdf5FileWithWeightsOnlyIsRefused() {
    Path weightsOnly = folder.resolve("weights-only.h5");
    try (WritableHdfFile file = HdfFile.write(weightsOnly)) {
      file.putGroup("dense").putDataset("kernel", new float[] {1, 2, 3});
    }
    assertThat(refusal(weightsOnly).getMessage()).contains("has no model_config attribute");
  }

  @Test
  void anArchiveWithoutGroupNamesIsReadByKerasPaths() {
    ImportedNetwork original =
        KerasModelFile.read(KerasFixtures.model(KerasFixtures.RESNET, KerasFixtures.ARCHIVE));
    Path stripped =
        KerasFileEditing.archive(
            folder.resolve("unnamed.keras"),
            KerasFileEditing.config(KerasFixtures.RESNET),
            KerasFileEditing.weightsWithoutNames(KerasFixtures.RESNET, folder, null));
    assertThat(KerasModelFile.read(stripped)).isEqualTo(original);
  }

  @Test
  void aNonFiniteWeightIsNamed() {
    Path poisoned =
        KerasFileEditing.archive(
            folder.resolve("nan.keras"),
            KerasFileEditing.config(KerasFixtures.RESNET),
            KerasFileEditing.weightsWithoutNames(
                KerasFixtures.RESNET, folder, "/layers/conv2d_5/vars/0"));
    assertThat(refusal(poisoned).getMessage()).contains("b2_proj.kernel holds NaN");
  }

  private static ObjectNode layerConfig(JsonNode config, String name) {
    return (ObjectNode) KerasFileEditing.layer(config, name).get("config");
  }

  private static void removeLayer(JsonNode config, String name) {
    ArrayNode layers = (ArrayNode) config.path("config").path("layers");
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).path("config").path("name").asText().equals(name)) {
        layers.remove(i);
        return;
      }
    }
    throw new IllegalArgumentException("no layer " + name);
  }
}
