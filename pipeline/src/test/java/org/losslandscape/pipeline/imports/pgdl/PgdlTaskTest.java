package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.data.IdxImages;
import org.losslandscape.pipeline.data.IdxLabels;
import org.losslandscape.pipeline.data.IdxReader;

/**
 * The committed tiny PGDL task (written by {@code make_pgdl_fixture.py} with TensorFlow) read back:
 * what the generator put in, the reader finds, and every missing piece is named.
 */
class PgdlTaskTest {

  @TempDir Path temp;

  private static final JsonNode EXPECTED = PgdlFixture.expected();

  @Test
  void readsTheModelsTheirHyperparametersAndGaps() {
    PgdlTask task = PgdlTask.read(PgdlFixture.taskFolder());

    assertThat(task.name()).isEqualTo(EXPECTED.get("task").textValue());
    assertThat(task.modelConfigsFile())
        .isEqualTo(
            PgdlFixture.root()
                .resolve("public_data/reference_data/task_tiny/model_configs.json")
                .toAbsolutePath()
                .normalize());
    JsonNode models = EXPECTED.get("models");
    assertThat(task.models()).hasSize(models.size());
    List<PgdlValue> widths = values(EXPECTED, "convwidth");
    List<PgdlValue> rates = values(EXPECTED, "learning_rate");
    for (int i = 0; i < models.size(); i++) {
      JsonNode expected = models.get(i);
      PgdlModel model = task.models().get(i);
      assertThat(model.id()).isEqualTo(expected.get("id").textValue());
      assertThat(model.spec().trainAccuracy()).isEqualTo(expected.get("train_acc").doubleValue());
      assertThat(model.spec().testAccuracy()).isEqualTo(expected.get("test_acc").doubleValue());
      assertThat(model.generalizationGap()).isEqualTo(expected.get("gen_gap").doubleValue());
      assertThat(model.spec().hyperparameters())
          .containsExactly(
              new PgdlHyperparameter(
                  "convwidth",
                  new PgdlValue.Numeric(expected.get("convwidth").doubleValue()),
                  widths),
              new PgdlHyperparameter(
                  "learning_rate",
                  new PgdlValue.Numeric(expected.get("learning_rate").doubleValue()),
                  rates));
      assertThat(model.spec().metrics())
          .extracting(PgdlMetric::name)
          .containsExactly("test_acc", "test_loss", "train_acc", "train_loss");

      Path folder = task.folder().resolve(expected.get("id").textValue());
      assertThat(model.files())
          .isEqualTo(
              new PgdlModelFiles(
                  folder,
                  folder.resolve("config.json"),
                  folder.resolve("weights.hdf5"),
                  java.util.Optional.of(folder.resolve("weights_init.hdf5"))));
      assertThat(model.config().inputShape()).isEqualTo(InputShape.fashionMnist());
      assertThat(model.config().layers())
          .extracting(PgdlLayer::className)
          .containsExactly("Conv2D", "MaxPooling2D", "Flatten", "Dropout", "Dense");
      PgdlLayer conv = model.config().layers().get(0);
      assertThat(conv.argument("filters"))
          .contains(Integer.toString(expected.get("convwidth").intValue()));
      assertThat(conv.argument("kernel_size")).contains("[3,3]");
      assertThat(conv.argument("activation")).contains("\"relu\"");
      assertThat(model.config().layers().get(4).argument("units"))
          .contains(Integer.toString(EXPECTED.get("classes").intValue()));
    }
    assertThat(task.inputShape()).isEqualTo(InputShape.fashionMnist());
  }

  @Test
  void readsTheShardsInOrderAsTheSourceImages() throws IOException {
    PgdlTask task = PgdlTask.read(PgdlFixture.taskFolder());
    assertThat(task.trainShards())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("shard_0.tfrecord", "shard_1.tfrecord");
    assertThat(task.testShards())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("shard_0.tfrecord");

    PgdlDataset train = task.readTrainingData();
    assertSameAsSource(train, EXPECTED.get("train"));
    assertThat(train.classCount()).isEqualTo(EXPECTED.get("classes").intValue());
    PgdlDataset test = task.readTestData().orElseThrow();
    assertSameAsSource(test, EXPECTED.get("test"));
  }

  /** The split holds images first..first+count of the Fashion-MNIST subset, as pixels / 255. */
  private static void assertSameAsSource(PgdlDataset split, JsonNode expected) throws IOException {
    String source = expected.get("source").textValue();
    IdxImages images =
        IdxReader.readImages(
            PgdlFixture.fashionMnistSubset().resolve(source + "-images-idx3-ubyte.gz"));
    IdxLabels labels =
        IdxReader.readLabels(
            PgdlFixture.fashionMnistSubset().resolve(source + "-labels-idx1-ubyte.gz"));
    int first = expected.get("first").intValue();
    int count = expected.get("count").intValue();
    LabeledData data = split.data();
    assertThat(split.inputShape()).isEqualTo(new InputShape(images.rows(), images.cols(), 1));
    assertThat(data.count()).isEqualTo(count);
    int size = images.pixelsPerImage();
    float[] pixels = new float[count * size];
    int[] classes = new int[count];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < size; p++) {
        pixels[i * size + p] = (images.pixels()[(first + i) * size + p] & 0xff) / 255f;
      }
      classes[i] = labels.labels()[first + i] & 0xff;
    }
    assertThat(data.features()).containsExactly(pixels);
    assertThat(data.labels()).containsExactly(classes);
  }

  private static List<PgdlValue> values(JsonNode expected, String key) {
    return Stream.iterate(0, i -> i < expected.get("models").size(), i -> i + 1)
        .map(i -> expected.get("models").get(i).get(key).doubleValue())
        .distinct()
        .sorted()
        .map(v -> (PgdlValue) new PgdlValue.Numeric(v))
        .toList();
  }

  @Test
  void findsModelConfigsInTheTaskFolderToo() throws IOException {
    Path task = copyTask();
    Files.move(
        temp.resolve("public_data/reference_data/task_tiny/model_configs.json"),
        task.resolve("model_configs.json"));
    PgdlTask read = PgdlTask.read(task);
    assertThat(read.modelConfigsFile()).isEqualTo(task.resolve("model_configs.json"));
    assertThat(read.models()).hasSize(EXPECTED.get("models").size());
  }

  @Test
  void aTaskWithoutModelConfigsSaysWhereItLooked() throws IOException {
    Path task = copyTask();
    Path reference = temp.resolve("public_data/reference_data/task_tiny/model_configs.json");
    Files.delete(reference);
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(task.resolve("model_configs.json").toString())
        .hasMessageContaining(reference.toString());
  }

  @Test
  void aMissingWeightsFileIsNamed() throws IOException {
    Path task = copyTask();
    Path weights = task.resolve("model_3/weights.hdf5");
    Files.delete(weights);
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessage("PGDL model model_3: missing file " + weights + " (its trained weights)");
  }

  @Test
  void missingInitialWeightsAreAllowed() throws IOException {
    Path task = copyTask();
    Files.delete(task.resolve("model_2/weights_init.hdf5"));
    assertThat(PgdlTask.read(task).models().get(1).files().initialWeights()).isEmpty();
  }

  @Test
  void aModelFolderWithoutAnEntryIsNamed() throws IOException {
    Path task = copyTask();
    Files.createDirectories(task.resolve("model_7"));
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("model folder model_7 has no entry in")
        .hasMessageContaining("model_configs.json");
  }

  @Test
  void anEntryWithoutItsFolderIsNamed() throws IOException {
    Path task = copyTask();
    org.losslandscape.pipeline.io.FuzzInputs.deleteRecursively(task.resolve("model_6"));
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("lists model model_6 but its folder " + task.resolve("model_6"));
  }

  @Test
  void aConfigWithoutInputShapeIsNamedWithTheField() throws IOException {
    Path task = copyTask();
    Path config = task.resolve("model_4/config.json");
    Files.writeString(config, "{\"model_config\": [{\"layer_name\": \"Dense\", \"units\": 10}]}");
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessage("PGDL file " + config + ": field 'input_shape' is missing");
  }

  @Test
  void modelsWithDifferentInputShapesAreRefused() throws IOException {
    Path task = copyTask();
    Path config = task.resolve("model_5/config.json");
    Files.writeString(
        config,
        "{\"model_config\": [{\"layer_name\": \"Dense\", \"units\": 10}], \"input_shape\": [784]}");
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("PGDL file " + config + ": field 'input_shape' is 1x1x784 but ");
  }

  @Test
  void aTaskWithoutTrainingShardsIsNamed() throws IOException {
    Path task = copyTask();
    org.losslandscape.pipeline.io.FuzzInputs.deleteRecursively(task.resolve("dataset_1/train"));
    assertThatThrownBy(() -> PgdlTask.read(task))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("no training data, " + task.resolve("dataset_1/train"));
  }

  @Test
  void aMissingTaskFolderIsNamed() {
    Path missing = temp.resolve("input_data/task9");
    assertThatThrownBy(() -> PgdlTask.read(missing))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("PGDL task folder " + missing + " does not exist");
  }

  @Test
  void aDamagedShardIsNamedWithItsRecord() throws IOException {
    Path task = copyTask();
    Path shard = task.resolve("dataset_1/train/shard_1.tfrecord");
    byte[] bytes = Files.readAllBytes(shard);
    // The data of record 0 starts after its 12-byte header; one flipped pixel byte breaks its CRC.
    bytes[100] ^= 0x10;
    Files.write(shard, bytes);
    PgdlTask read = PgdlTask.read(task);
    assertThatThrownBy(read::readTrainingData)
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("TFRecord file " + shard + ", record 0 ")
        .hasMessageContaining("checksum of the record's data does not match");
  }

  /** A writable copy of the fixture's public_data under the temporary folder; the task folder. */
  private Path copyTask() throws IOException {
    Path source = PgdlFixture.root().resolve("public_data");
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path target = temp.resolve("public_data").resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return temp.resolve("public_data/input_data/task_tiny");
  }
}
