package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * The whole command on the committed 3,000-image Fashion-MNIST subset: two recipes, one epoch, a
 * 5x5 grid. Checks that every promised file exists, that the numbers in summary.json agree with the
 * arrays, that the cache is used on a second run, and that the {@code landscape} command reproduces
 * the study's slice from the saved weights.
 */
class EndToEndIT {

  @TempDir static Path tmp;

  static Path out;
  static Path cache;
  static Path data;
  static int firstExit;
  static String firstErr;

  @BeforeAll
  static void runTheStudyOnce() throws Exception {
    data = Path.of(EndToEndIT.class.getResource("/fashion-mnist-subset").toURI());
    out = tmp.resolve("results");
    cache = tmp.resolve("cache");
    StringWriter err = new StringWriter();
    firstExit = Main.run(new PrintWriter(err, true), study(out).toArray(String[]::new));
    firstErr = err.toString();
  }

  /** The slice settings both commands share, so the landscape command must reproduce the study. */
  private static final List<String> SLICE =
      List.of(
          "--grid-size",
          "5",
          "--landscape-samples",
          "300",
          "--direction-pairs",
          "2",
          "--eps",
          "0.5,1.0",
          "--device",
          "cpu");

  private static List<String> study(Path outDir) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--data-dir",
                data.toString(),
                "--out",
                outDir.toString(),
                "--cache-dir",
                cache.toString(),
                "--configs",
                "high_lr_small_batch,low_lr_large_batch",
                "--epochs",
                "1",
                "--seeds",
                "1",
                "--measures",
                "none"));
    args.addAll(SLICE);
    return args;
  }

  @Test
  void studyExitsZeroAndWritesEveryPromisedFile() {
    assertThat(firstExit).as(firstErr).isZero();
    for (String file :
        List.of(
            "summary.json",
            "surface_3d.png",
            "contour.png",
            "comparison.png",
            "sharpness.png",
            "raw_vs_filter.png",
            "report.html")) {
      assertThat(out.resolve(file)).isRegularFile();
    }
    for (String config : List.of("high_lr_small_batch", "low_lr_large_batch")) {
      Path dir = out.resolve(config);
      for (String file :
          List.of(
              "model.json",
              "training.csv",
              "loss.npy",
              "accuracy.npy",
              "coords.npy",
              "eval_indices.npy",
              "surface.h5",
              "surface_3d.png",
              "contour.png",
              "slices_1d.png",
              "weights/dense0.kernel.npy",
              "directions/d1/dense0.kernel.npy",
              "directions/d2/dense2.bias.npy",
              "pairs/pair1/loss.npy")) {
        assertThat(dir.resolve(file)).isRegularFile();
      }
    }
    assertThat(out.resolve("high_lr_large_batch")).doesNotExist();
  }

  @Test
  void noTemporaryFileIsLeftBehind() throws Exception {
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp")))
          .isEmpty();
    }
  }

  @Test
  void summaryNumbersAgreeWithTheArrays() {
    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    assertThat(summary.path("device").asText()).isEqualTo("cpu");
    assertThat(summary.path("device_reason").asText()).isNotEmpty();
    assertThat(summary.path("preprocessing").path("std").asDouble()).isGreaterThan(0.3);
    assertThat(summary.path("configs")).hasSize(2);
    JsonNode c = summary.path("configs").get(0);
    assertThat(c.path("name").asText()).isEqualTo("high_lr_small_batch");
    assertThat(c.path("status").asText()).isEqualTo("completed");
    assertThat(c.path("steps").asLong()).isEqualTo(94); // ceil(3000 / 32)
    assertThat(c.path("test_accuracy").asDouble()).isBetween(0.5, 1.0);
    assertThat(c.path("generalization_gap").asDouble())
        .isCloseTo(c.path("test_loss").asDouble() - c.path("train_loss").asDouble(), within(1e-12));

    JsonNode landscape = c.path("landscape");
    assertThat(landscape.path("grid_size").asInt()).isEqualTo(5);
    assertThat(landscape.path("samples").asInt()).isEqualTo(300);
    assertThat(landscape.path("normalization").asText()).isEqualTo("filter");
    float[] loss = Npy.read(out.resolve("high_lr_small_batch/loss.npy")).asFloat32().data();
    assertThat(Npy.read(out.resolve("high_lr_small_batch/loss.npy")).shape()).containsExactly(5, 5);
    assertThat((double) loss[2 * 5 + 2])
        .isCloseTo(landscape.path("center_loss").asDouble(), within(1e-6));
    double max = 0;
    for (float v : loss) {
      max = Math.max(max, v);
    }
    assertThat(max).isCloseTo(landscape.path("max_loss").asDouble(), within(1e-5));
    assertThat(Npy.read(out.resolve("high_lr_small_batch/coords.npy")).asFloat32().data())
        .containsExactly(-1f, -0.5f, 0f, 0.5f, 1f);
    assertThat(Npy.read(out.resolve("high_lr_small_batch/eval_indices.npy")).asInt32().data())
        .hasSize(300);

    JsonNode sharp = c.path("sharpness").path("slice_over_pairs").path("1.0");
    assertThat(sharp.path("per_pair")).hasSize(2);
    double mean =
        (sharp.path("per_pair").get(0).asDouble() + sharp.path("per_pair").get(1).asDouble()) / 2;
    assertThat(sharp.path("mean").asDouble()).isCloseTo(mean, within(1e-12));
    // Pair 0's S(1.0) over the grid's points is the grid's max inside the unit disc minus the
    // centre; over the disk on the plane it can only be larger.
    double inDisc = 0;
    double[] coords = {-1, -0.5, 0, 0.5, 1};
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        if (Math.hypot(coords[i], coords[j]) <= 1.0) {
          inDisc = Math.max(inDisc, loss[i * 5 + j]);
        }
      }
    }
    double onGrid = inDisc - landscape.path("center_loss").asDouble();
    assertThat(sharp.path("per_pair_grid").get(0).asDouble()).isCloseTo(onGrid, within(1e-5));
    assertThat(sharp.path("per_pair").get(0).asDouble()).isGreaterThanOrEqualTo(onGrid - 1e-6);
    // One seed per recipe: the verdict is written, and it says nothing can be resolved.
    JsonNode verdict = summary.path("verdict");
    assertThat(verdict.path("protocols").get(0).path("protocol").asText()).isEqualTo("epochs");
    assertThat(verdict.path("claims")).hasSize(3);
    assertThat(verdict.path("claims").get(0).path("supported").asInt()).isZero();
    assertThat(verdict.path("claims").get(0).path("contradicted").asInt()).isZero();
    assertThat(out.resolve("VERDICT.md"))
        .content()
        .contains("no claim about recipes can be resolved");
  }

  @Test
  void theSlicesCentreIsTheSavedWeightsLossOnTheListedSamplesComputedIndependently() {
    // Recompute L(theta) outside the landscape code: saved weights, saved indices, plain evaluator.
    org.losslandscape.pipeline.data.ImageDataSet raw =
        org.losslandscape.pipeline.data.IdxDataSet.load(data, "the subset");
    org.losslandscape.pipeline.data.Standardization standardization =
        org.losslandscape.pipeline.data.Standardization.fit(raw.train());
    org.losslandscape.models.data.LabeledData train =
        new org.losslandscape.models.data.LabeledData(
            standardization.apply(raw.train()), raw.train().labels(), 784);
    int[] indices = Npy.read(out.resolve("high_lr_small_batch/eval_indices.npy")).asInt32().data();
    Parameters weights = ModelFiles.read(out.resolve("high_lr_small_batch"));
    double loss;
    try (org.losslandscape.models.evaluation.MlpEvaluator evaluator =
        new org.losslandscape.models.evaluation.MlpEvaluator(
            weights.architecture(), org.losslandscape.models.tf.ExecutionSettings.cpu())) {
      loss = evaluator.evaluate(weights, train.select(indices)).loss();
    }
    float[] grid = Npy.read(out.resolve("high_lr_small_batch/loss.npy")).asFloat32().data();
    assertThat((double) grid[2 * 5 + 2]).isCloseTo(loss, within(1e-5 * loss));
  }

  @Test
  void weightsAreReadableAndTrainingCsvHasOneRowPerEpoch() throws Exception {
    Parameters p = ModelFiles.read(out.resolve("high_lr_small_batch"));
    assertThat(p.architecture().toString()).isEqualTo("784-128-64-10");
    List<String> csv = Files.readAllLines(out.resolve("high_lr_small_batch/training.csv"));
    assertThat(csv).hasSize(2);
    assertThat(csv.get(0)).isEqualTo("epoch,step,loss,accuracy");
    assertThat(csv.get(1)).startsWith("1.0000,94,");
  }

  @Test
  void multiPanelFiguresAreAtLeast1600PixelsWide() throws Exception {
    for (String file :
        List.of("surface_3d.png", "contour.png", "comparison.png", "sharpness.png")) {
      BufferedImage image = ImageIO.read(out.resolve(file).toFile());
      assertThat(image.getWidth()).as(file).isGreaterThanOrEqualTo(1600);
    }
  }

  @Test
  void aSecondRunReusesTheCachedWeightsAndGivesTheSameNumbers() {
    Path again = tmp.resolve("again");
    StringWriter err = new StringWriter();
    assertThat(Main.run(new PrintWriter(err, true), study(again).toArray(String[]::new))).isZero();
    JsonNode first = SummarySchema.assertValid(out.resolve("summary.json")).path("configs");
    JsonNode second = SummarySchema.assertValid(again.resolve("summary.json")).path("configs");
    for (int i = 0; i < 2; i++) {
      assertThat(second.get(i).path("from_cache").asBoolean()).isTrue();
      assertThat(second.get(i).path("test_loss").asDouble())
          .isEqualTo(first.get(i).path("test_loss").asDouble());
      assertThat(second.get(i).path("landscape").path("max_loss").asDouble())
          .isEqualTo(first.get(i).path("landscape").path("max_loss").asDouble());
    }
  }

  @Test
  void landscapeCommandReproducesTheStudysSliceFromSavedWeights() throws Exception {
    Path sliced = tmp.resolve("sliced");
    StringWriter err = new StringWriter();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "landscape",
                "--weights",
                out.resolve("high_lr_small_batch").toString(),
                "--name",
                "again",
                "--data-dir",
                data.toString(),
                "--out",
                sliced.toString(),
                "--cache-dir",
                tmp.resolve("sliced-cache").toString()));
    args.addAll(SLICE);
    int code = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    float[] study = Npy.read(out.resolve("high_lr_small_batch/loss.npy")).asFloat32().data();
    float[] again = Npy.read(sliced.resolve("again/loss.npy")).asFloat32().data();
    assertThat(again).containsExactly(study);
    JsonNode summary = SummarySchema.assertValid(sliced.resolve("summary.json"));
    assertThat(
            summary.path("configs").get(0).path("sharpness").path("slice").path("1.0").asDouble())
        .isEqualTo(
            SummarySchema.assertValid(out.resolve("summary.json"))
                .path("configs")
                .get(0)
                .path("sharpness")
                .path("slice")
                .path("1.0")
                .asDouble());
    assertThat(sliced.resolve("again/surface_3d.png")).isRegularFile();
    // The page of one sliced model (not printed on failure: it holds plotly.js, 4.8 MB).
    assertThat(Files.readString(sliced.resolve("report.html")).contains("Loss landscape of again"))
        .isTrue();
  }

  @Test
  void modelJsonRecordsWhatProducedTheWeights() {
    JsonNode provenance =
        Json.read(out.resolve("low_lr_large_batch/model.json")).path("provenance");
    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    assertThat(provenance.path("tool").asText()).isEqualTo("loss-landscape");
    assertThat(provenance.path("tool_version").asText())
        .isEqualTo(org.losslandscape.pipeline.results.BuildInfo.current().version())
        .isEqualTo(summary.path("version").asText());
    assertThat(provenance.path("tensorflow_java_version").asText())
        .isEqualTo(summary.path("tensorflow_java_version").asText())
        .isNotBlank();
    assertThat(provenance.path("tensorflow_version").asText())
        .isEqualTo(summary.path("tensorflow_version").asText());
    JsonNode recipe = provenance.path("recipe");
    assertThat(recipe.path("name").asText()).isEqualTo("low_lr_large_batch");
    assertThat(recipe.path("learning_rate").asDouble()).isEqualTo(0.01);
    assertThat(recipe.path("batch_size").asInt()).isEqualTo(1024);
    assertThat(recipe.path("budget").asText()).isEqualTo("1 epochs");
    assertThat(provenance.path("seed").asLong()).isEqualTo(42);
    assertThat(provenance.path("data")).isEqualTo(summary.path("data"));
    assertThat(provenance.path("data").path("files")).hasSize(4);
    assertThat(provenance.path("data").path("files").get(0).path("name").asText())
        .isEqualTo("train-images-idx3-ubyte.gz");
    assertThat(provenance.path("preprocessing")).isEqualTo(summary.path("preprocessing"));
  }
}
