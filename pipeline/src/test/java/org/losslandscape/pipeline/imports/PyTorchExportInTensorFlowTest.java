package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.data.IdxImages;
import org.losslandscape.pipeline.data.IdxLabels;
import org.losslandscape.pipeline.data.IdxReader;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.results.ModelFiles;

/**
 * The PyTorch fixtures ({@code src/test/python/make_pytorch_fixtures.py}: models trained in PyTorch
 * and written by {@code scripts/export_pytorch.py}) read as any model folder and evaluated by this
 * tool's TensorFlow graph reproduce PyTorch's eval-mode loss on 256 test images to 1e-5 and its
 * predictions exactly. The images are read from the IDX files as the tool reads them (channels
 * last, pixel / 255), not from a copy PyTorch wrote, so the layouts really differ: NCHW in PyTorch,
 * NHWC here.
 */
class PyTorchExportInTensorFlowTest {

  private static final int SAMPLES = 256;
  private static final int CLASSES = 10;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cnn", "resnet"})
  void graphReproducesPyTorch(String model) throws Exception {
    Parameters parameters = ModelFiles.read(fixtures().resolve(model));
    JsonNode expected =
        new ObjectMapper().readTree(fixtures().resolve(model + "/expected.json").toFile());
    LabeledData data = testImages();

    try (MlpEvaluator evaluator =
        new MlpEvaluator(parameters.architecture(), ExecutionSettings.cpu())) {
      assertThat(evaluator.evaluate(parameters, data).loss())
          .isCloseTo(expected.get("loss").asDouble(), Offset.offset(1e-5));
    }
    float[] logits = GraphLogits.of(parameters, data);
    float[] torchLogits = Npy.readFloat32(fixtures().resolve(model + "/logits.npy")).data();
    double largest = 0;
    for (int i = 0; i < SAMPLES; i++) {
      assertThat(GraphLogits.argmax(logits, i, CLASSES))
          .as("prediction of sample %d", i)
          .isEqualTo(expected.get("predictions").get(i).asInt());
      for (int k = 0; k < CLASSES; k++) {
        int at = i * CLASSES + k;
        largest = Math.max(largest, Math.abs(logits[at] - torchLogits[at]));
      }
    }
    assertThat(largest).isLessThan(1e-4);
  }

  /**
   * The fixtures hold the traps they are meant to test, so a regenerated fixture that lost one
   * cannot pass unnoticed: PyTorch's symmetric padding as zero_pad layers (before a stride-2
   * convolution, an average pool and the ResNet stem's max pool), a Flatten of a 16-channel image
   * with the layers after it, batch norm with moved statistics, and a projection shortcut.
   */
  @Test
  void fixturesHoldTheTraps() {
    LayeredNetwork cnn = network("cnn");
    List<LayerSpec> layers = cnn.spec().layers();
    assertThat(layers.get(0)).isEqualTo(new LayerSpec.ZeroPad2d(null, 1, 1, 1, 1));
    assertThat(layers.get(1))
        .isInstanceOfSatisfying(
            LayerSpec.Conv2d.class, c -> assertThat(c.strideHeight()).isEqualTo(2));
    assertThat(layers).filteredOn(LayerSpec.ZeroPad2d.class::isInstance).hasSize(2);
    assertThat(layers).filteredOn(LayerSpec.Flatten.class::isInstance).hasSize(1);
    assertThat(cnn.parameterShapes().get(cnn.parameterNames().indexOf("dense0.kernel")))
        .containsExactly(16 * 4 * 4, CLASSES);
    float[] variance = cnn.state().get(1); // bn0.moving_variance
    assertThat(variance).doesNotContain(1f);

    LayeredNetwork resnet = network("resnet");
    List<LayerSpec> flat = new ArrayList<>();
    collect(resnet.spec().layers(), flat);
    assertThat(flat).filteredOn(LayerSpec.ZeroPad2d.class::isInstance).hasSize(2);
    assertThat(resnet.spec().layers())
        .filteredOn(LayerSpec.Residual.class::isInstance)
        .extracting(l -> ((LayerSpec.Residual) l).shortcut().size())
        .containsExactly(0, 2);
  }

  private static LayeredNetwork network(String model) {
    return (LayeredNetwork) ModelFiles.read(fixtures().resolve(model)).architecture();
  }

  private static void collect(List<LayerSpec> layers, List<LayerSpec> out) {
    for (LayerSpec layer : layers) {
      out.add(layer);
      if (layer instanceof LayerSpec.Residual r) {
        collect(r.body(), out);
        collect(r.shortcut(), out);
      }
    }
  }

  /** The first 256 test images of the committed subset as the tool feeds them: pixel / 255. */
  private static LabeledData testImages() throws URISyntaxException {
    Path dir =
        Path.of(PyTorchExportInTensorFlowTest.class.getResource("/fashion-mnist-subset").toURI());
    IdxImages images = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
    IdxLabels labels = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    int size = images.pixelsPerImage();
    float[] x = new float[SAMPLES * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (images.pixels()[i] & 0xff) / 255f;
    }
    int[] y = new int[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      y[i] = labels.labels()[i];
    }
    return new LabeledData(x, y, size);
  }

  private static Path fixtures() {
    try {
      return Path.of(
          PyTorchExportInTensorFlowTest.class
              .getResource("/org/losslandscape/pipeline/imports/pytorch")
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
