package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.Padding;
import org.losslandscape.pipeline.io.NpyArray;

/**
 * The Keras fixtures (three models trained by TensorFlow, each saved as {@code .keras} and as
 * legacy {@code .h5}) read back: the reference forward pass of the imported network reproduces
 * Keras' loss on the 256 samples to 1e-5 and its predicted classes exactly, and both formats give
 * the same network.
 */
class KerasModelFileFixtureTest {

  static Stream<Arguments> modelsAndFormats() {
    return Stream.of(
            KerasFixtures.CNN, KerasFixtures.RESNET, KerasFixtures.MLP, KerasFixtures.PADDED)
        .flatMap(
            model ->
                Stream.of(
                    Arguments.of(model, KerasFixtures.ARCHIVE),
                    Arguments.of(model, KerasFixtures.LEGACY)));
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("modelsAndFormats")
  void reproducesKerasLossAndPredictions(String model, String format) {
    ImportedNetwork network = KerasModelFile.read(KerasFixtures.model(model, format));
    assertThat(network.inputShape()).isEqualTo(InputShape.fashionMnist());
    assertThat(network.classes()).isEqualTo(10);

    NpyArray.Float32 samples = KerasFixtures.samples();
    int[] labels = KerasFixtures.labels();
    float[] kerasLogits = KerasFixtures.logits(model).data();
    JsonNode expected = KerasFixtures.expected(model);
    int n = labels.length;
    int size = network.inputShape().size();
    assertThat(samples.shape()).containsExactly(n, 28, 28, 1);

    ReferenceForward forward =
        new ReferenceForward(network.spec(), network.inputShape(), network.tensors());
    double[][] logits = new double[n][];
    int[] predictions = new int[n];
    double largestDifference = 0;
    for (int i = 0; i < n; i++) {
      logits[i] = forward.logits(Arrays.copyOfRange(samples.data(), i * size, (i + 1) * size));
      predictions[i] = ReferenceForward.argmax(logits[i]);
      for (int k = 0; k < 10; k++) {
        largestDifference =
            Math.max(largestDifference, Math.abs(logits[i][k] - kerasLogits[i * 10 + k]));
      }
    }
    double loss = ReferenceForward.meanCrossEntropy(logits, labels);
    System.out.printf(
        "%s/%s: loss %.9f (Keras %.9f), largest logit difference %.3g%n",
        model, format, loss, expected.get("loss").asDouble(), largestDifference);

    assertThat(loss)
        .isCloseTo(expected.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
    int[] kerasPredictions = new int[n];
    for (int i = 0; i < n; i++) {
      kerasPredictions[i] = expected.get("predictions").get(i).asInt();
    }
    assertThat(predictions).containsExactly(kerasPredictions);
    // float32 TensorFlow against double Java: rounding, far below the smallest top-2 margin.
    assertThat(largestDifference).isLessThan(1e-4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void bothFormatsGiveTheSameNetwork(String model) {
    ImportedNetwork archive =
        KerasModelFile.read(KerasFixtures.model(model, KerasFixtures.ARCHIVE));
    ImportedNetwork legacy = KerasModelFile.read(KerasFixtures.model(model, KerasFixtures.LEGACY));
    assertThat(legacy).isEqualTo(archive);
  }

  static Stream<String> models() {
    return Stream.of(
        KerasFixtures.CNN, KerasFixtures.RESNET, KerasFixtures.MLP, KerasFixtures.PADDED);
  }

  /** Keras writes every padding as [[top, bottom], [left, right]]; each becomes one zero pad. */
  @Test
  void zeroPaddingKeepsItsFourSides() {
    ImportedNetwork padded =
        KerasModelFile.read(KerasFixtures.model(KerasFixtures.PADDED, KerasFixtures.ARCHIVE));
    assertThat(padded.spec().layers())
        .filteredOn(l -> l instanceof LayerSpec.ZeroPad2d)
        .containsExactly(
            new LayerSpec.ZeroPad2d("pad_a", 1, 1, 1, 1),
            new LayerSpec.ZeroPad2d("pad_b", 0, 1, 1, 0),
            new LayerSpec.ZeroPad2d("pad_c", 1, 1, 2, 2));
  }

  @Test
  void cnnMapsLayerByLayerWithKerasNames() {
    ImportedNetwork cnn =
        KerasModelFile.read(KerasFixtures.model(KerasFixtures.CNN, KerasFixtures.ARCHIVE));
    List<LayerSpec> layers = cnn.spec().layers();
    assertThat(layers)
        .extracting(l -> l.getClass().getSimpleName())
        .containsExactly(
            "Conv2d",
            "BatchNorm",
            "Act",
            "Pool2d",
            "Conv2d",
            "BatchNorm",
            "Act",
            "GlobalAveragePool",
            "Dense");
    assertThat(layers.get(0))
        .isEqualTo(new LayerSpec.Conv2d("conv_a", 8, 3, 3, 1, 1, Padding.SAME, true));
    assertThat(layers.get(4))
        .isEqualTo(new LayerSpec.Conv2d("conv_b", 16, 3, 3, 2, 2, Padding.VALID, true));
    assertThat(layers.get(5)).isEqualTo(new LayerSpec.BatchNorm("bn_b", 1e-5, 0.9, true, true));
    assertThat(cnn.tensors())
        .extracting(p -> p.name() + Arrays.toString(p.shape()))
        .containsExactly(
            "conv_a.kernel[3, 3, 1, 8]",
            "conv_a.bias[8]",
            "bn_a.gamma[8]",
            "bn_a.beta[8]",
            "bn_a.moving_mean[8]",
            "bn_a.moving_variance[8]",
            "conv_b.kernel[3, 3, 8, 16]",
            "conv_b.bias[16]",
            "bn_b.gamma[16]",
            "bn_b.beta[16]",
            "bn_b.moving_mean[16]",
            "bn_b.moving_variance[16]",
            "logits.kernel[16, 10]",
            "logits.bias[10]");
    // Trained, not initial: the moving statistics moved away from 0 and 1.
    assertThat(cnn.tensor("bn_a.moving_mean").norm()).isGreaterThan(1e-2);
  }

  @Test
  void resnetBecomesTwoResidualBlocks() {
    ImportedNetwork resnet =
        KerasModelFile.read(KerasFixtures.model(KerasFixtures.RESNET, KerasFixtures.LEGACY));
    List<LayerSpec.Residual> blocks =
        resnet.spec().layers().stream()
            .filter(LayerSpec.Residual.class::isInstance)
            .map(LayerSpec.Residual.class::cast)
            .toList();
    assertThat(blocks).hasSize(2);
    LayerSpec.Residual identity = blocks.get(0);
    assertThat(identity.name()).isEqualTo("b1_add");
    assertThat(identity.shortcut()).isEmpty();
    assertThat(identity.body())
        .extracting(LayerSpec::name)
        .containsExactly("b1_conv1", "b1_bn1", "b1_relu1", "b1_conv2", "b1_bn2");
    LayerSpec.Residual projection = blocks.get(1);
    assertThat(projection.body())
        .extracting(LayerSpec::name)
        .containsExactly("b2_conv1", "b2_bn1", "b2_relu1", "b2_conv2", "b2_bn2");
    assertThat(projection.shortcut())
        .containsExactly(
            new LayerSpec.Conv2d("b2_proj", 16, 1, 1, 2, 2, Padding.VALID, true),
            new LayerSpec.BatchNorm("b2_proj_bn", 1e-3, 0.99, true, true));
    assertThat(resnet.spec().layers())
        .extracting(LayerSpec::name)
        .containsExactly(
            "stem_conv",
            "stem_bn",
            "stem_relu",
            "stem_pool",
            "b1_add",
            "b1_out",
            "b2_add",
            "b2_out",
            "gap",
            "logits");
    // Body before shortcut, as LayerSpec walks them.
    List<String> names = resnet.tensors().stream().map(p -> p.name()).toList();
    assertThat(names.indexOf("b2_bn2.moving_variance")).isLessThan(names.indexOf("b2_proj.kernel"));
    assertThat(names).doesNotContain("stem_conv.bias");
  }

  @Test
  void mlpKeepsTheFusedActivationAndDropsTheFinalSoftmax() {
    ImportedNetwork mlp =
        KerasModelFile.read(KerasFixtures.model(KerasFixtures.MLP, KerasFixtures.ARCHIVE));
    assertThat(mlp.spec().layers())
        .containsExactly(
            new LayerSpec.Pool2d("avg", LayerSpec.PoolKind.AVERAGE, 3, 3, Padding.SAME),
            new LayerSpec.Flatten("flatten"),
            new LayerSpec.Dense("hidden", 32, true),
            new LayerSpec.Act(null, org.losslandscape.models.network.Activation.RELU),
            new LayerSpec.Dropout("dropout", 0.25),
            new LayerSpec.Dense("logits", 10, true));
    assertThat(mlp.tensor("hidden.kernel").shape()).containsExactly(100, 32);
  }
}
