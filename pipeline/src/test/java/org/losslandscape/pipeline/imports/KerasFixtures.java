package org.losslandscape.pipeline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;

/**
 * The committed Keras fixtures written by {@code src/test/python/make_keras_fixtures.py}: three
 * trained models in both formats, the 256 samples they were evaluated on and what Keras computed.
 */
final class KerasFixtures {

  /** The fixture models' folder names. */
  static final String CNN = "cnn_bn";

  static final String RESNET = "resnet";
  static final String MLP = "mlp";

  /** ZeroPadding2D in Keras' three spellings of its padding. */
  static final String PADDED = "padded";

  /** The two file formats, as the fixture files are named. */
  static final String ARCHIVE = "model.keras";

  static final String LEGACY = "model.h5";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KerasFixtures() {}

  /** The fixture folder. */
  static Path folder() {
    try {
      return Path.of(
          KerasFixtures.class.getResource("/org/losslandscape/pipeline/imports/keras").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A model file of the fixtures, e.g. {@code model("resnet", ARCHIVE)}. */
  static Path model(String model, String format) {
    return folder().resolve(model).resolve(format);
  }

  /** The samples: float32 {@code [256, 28, 28, 1]} as the models were fed. */
  static NpyArray.Float32 samples() {
    Path file = folder().resolve("samples.npy.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return Npy.decodeFloat32(in.readAllBytes(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The samples' labels. */
  static int[] labels() {
    return ((NpyArray.Int32) Npy.read(folder().resolve("labels.npy"))).data();
  }

  /** Keras' float32 logits {@code [256, 10]} of a model. */
  static NpyArray.Float32 logits(String model) {
    return Npy.readFloat32(folder().resolve(model).resolve("logits.npy"));
  }

  /** A model's {@code expected.json}: loss, predictions, min_top2_margin, notes. */
  static JsonNode expected(String model) {
    try {
      return MAPPER.readTree(folder().resolve(model).resolve("expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
