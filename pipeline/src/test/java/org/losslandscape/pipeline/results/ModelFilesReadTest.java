package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * {@link ModelFiles#read} on models made outside the tool and on broken folders: everything is
 * either read exactly or refused in one line naming the file and the field.
 */
class ModelFilesReadTest {

  @TempDir Path tmp;

  private final MlpArchitecture net = new MlpArchitecture(6, List.of(5), 3);
  private final Parameters weights = Initialization.HE.initialize(net, 3);

  /**
   * A 4-3-2 model saved from Python the way a PyTorch user does: {@code np.save(path,
   * layer.weight.T)} (Fortran order; the second kernel float64) and a three-field model.json,
   * written by {@code src/test/python/make_fixtures.py}. Expected values are numpy's.
   */
  @Test
  void readsAModelExportedFromPythonWithTransposedWeights() throws Exception {
    Path export = resource("pytorch-export");
    JsonNode expected = new ObjectMapper().readTree(export.resolve("expected.json").toFile());

    Parameters read = ModelFiles.read(export);

    assertThat(read.architecture()).isEqualTo(new MlpArchitecture(4, List.of(3), 2));
    assertThat(read.kernel(0).shape()).containsExactly(4, 3);
    assertThat(read.kernel(1).shape()).containsExactly(3, 2);
    for (var tensor : read.tensors()) {
      assertThat(bits(tensor.values()))
          .as(tensor.name())
          .containsExactly(ints(expected.get(tensor.name())));
    }
  }

  @Test
  void aMinimalHandWrittenDescriptionIsEnough() throws IOException {
    ModelFiles.write(tmp, weights);
    Files.writeString(
        tmp.resolve("model.json"), "{\"input_size\": 6.0, \"hidden\": [5], \"classes\": 3}");

    assertThat(ModelFiles.read(tmp)).isEqualTo(weights);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[6, 5, 3]                                                 | must hold a JSON object, found array",
        "{}                                                        | : input_size is missing",
        "{\"input_size\": \"6\", \"hidden\": [5], \"classes\": 3}  | : input_size must be a whole number, found \"6\"",
        "{\"input_size\": 6.5, \"hidden\": [5], \"classes\": 3}    | : input_size must be a whole number, found 6.5",
        "{\"input_size\": 1e20, \"hidden\": [5], \"classes\": 3}   | : input_size must be a whole number, found 1.0E20",
        "{\"input_size\": 99999999999, \"hidden\": [5], \"classes\": 3} | : input_size must be a whole number, found 99999999999",
        "{\"input_size\": 6, \"hidden\": 5, \"classes\": 3}        | : hidden must be a list of layer widths ([] for none), found 5",
        "{\"input_size\": 6, \"hidden\": [5, null], \"classes\": 3} | : hidden[1] must be a whole number, found null",
        "{\"input_size\": 6, \"hidden\": [-5], \"classes\": 3}     | : hidden layer widths must be >= 1, got [-5]",
        "{\"input_size\": 6, \"hidden\": [5], \"classes\": 1}      | : an MLP needs inputSize >= 1 and classes >= 2, got 6 and 1",
        "{\"input_size\": 6, \"hidden\": [5], \"classes\": 3, \"activation\": \"tanh\"} | : activation must be \"relu\", found \"tanh\"",
        "{\"input_size\": 6, \"hidden\": [5], \"classes\": 3, \"format\": 2} | : format must be \"loss-landscape-mlp/1\", found 2",
        "{\"input_size\": 6, \"hidden\": [5], \"classes\": 3, \"parameters\": []} | : parameters must list the 4 tensors of architecture 6-5-3, found []",
        "{\"input_size\": 6, \"hidden\": [5                        | cannot parse ",
        "''                                                        | must hold a JSON object, found missing",
      })
  void malformedDescriptionsAreRefusedNamingTheField(String json, String message)
      throws IOException {
    ModelFiles.write(tmp, weights);
    Files.writeString(tmp.resolve("model.json"), json);

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining(tmp.resolve("model.json").toString())
        .hasMessageContaining(message.strip())
        .hasMessageNotContaining("\n");
  }

  @Test
  void aParameterListingThatDisagreesWithTheArchitectureIsRefused() throws IOException {
    ModelFiles.write(tmp, weights);
    Path json = tmp.resolve("model.json");
    Files.writeString(json, Files.readString(json).replace("[ 6, 5 ]", "[ 5, 6 ]"));

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            json + ": parameters[0].shape must be [6, 5] for architecture 6-5-3, found [5,6]");
  }

  @Test
  void aTransposedKernelGetsAHintHowToSaveIt() {
    ModelFiles.write(tmp, weights);
    Path kernel = tmp.resolve("weights/dense0.kernel.npy");
    Npy.writeFloat32(kernel, new int[] {5, 6}, new float[30]);

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            kernel
                + ": expected shape [6, 5] for architecture 6-5-3, found [5, 6]; a kernel is [in,"
                + " out], so save a PyTorch Linear weight ([out, in]) transposed:"
                + " np.save(path, layer.weight.detach().numpy().T)");
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingFileAndPosition() {
    ModelFiles.write(tmp, weights);
    Path bias = tmp.resolve("weights/dense1.bias.npy");
    Npy.writeFloat32(bias, new int[] {3}, new float[] {0, 1, Float.NaN});
    Path kernel = tmp.resolve("weights/dense1.kernel.npy");
    float[] values = new float[15];
    values[7] = Float.NEGATIVE_INFINITY;
    Npy.writeFloat32(kernel, new int[] {5, 3}, values);

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessageStartingWith(
            kernel + " holds -Infinity at [2, 1]; a model needs finite weights");
    Npy.writeFloat32(kernel, new int[] {5, 3}, new float[15]);
    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .hasMessageStartingWith(bias + " holds NaN at [2]");
  }

  @Test
  void aMissingWeightFileSaysWhichShapeWasExpected() throws IOException {
    ModelFiles.write(tmp, weights);
    Files.delete(tmp.resolve("weights/dense0.bias.npy"));

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            "missing weight file "
                + tmp.resolve("weights/dense0.bias.npy")
                + " (expected shape [5] for architecture 6-5-3)");
  }

  @Test
  void aWeightFileThatIsNotAnArrayIsRefusedInOneLine() throws IOException {
    ModelFiles.write(tmp, weights);
    Path kernel = tmp.resolve("weights/dense0.kernel.npy");
    Files.writeString(kernel, "not numpy");

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            "Cannot read "
                + kernel
                + " as a .npy array: it does not start with the .npy magic bytes.");
  }

  @Test
  void anOversizedDescriptionIsRefusedWithoutReadingIt() throws IOException {
    ModelFiles.write(tmp, weights);
    Path json = tmp.resolve("model.json");
    try (var file = new java.io.RandomAccessFile(json.toFile(), "rw")) {
      file.setLength(Json.MAX_READ_BYTES + 1); // sparse: no disk space used
    }

    assertThatThrownBy(() -> ModelFiles.read(tmp))
        .isInstanceOf(ResultsException.class)
        .hasMessage(
            "cannot parse "
                + json
                + ": it is 16777217 bytes, more than the 16 MiB a description file of this tool"
                + " can be");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ModelFilesReadTest.class.getResource(name).toURI());
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) array.get(i).asLong();
    }
    return out;
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }
}
