package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * The study with {@code --trajectory --interpolation} on the committed 3,000-image subset (two
 * recipes of one learning rate, one epoch, a 5x5 grid), and the {@code interpolate} command on its
 * saved models: the files promised, the summary against the arrays, the curve's ends against the
 * models' own losses, and the refusal of two different architectures.
 */
class TrajectoryAndInterpolationEndToEndIT {

  @TempDir static Path tmp;

  static Path data;
  static Path out;
  static int exit;
  static String err;
  static JsonNode summary;

  private static final String SMALL = "high_lr_small_batch";
  private static final String LARGE = "high_lr_large_batch";

  @BeforeAll
  static void runTheStudyWithBothFeatures() throws Exception {
    data =
        Path.of(
            TrajectoryAndInterpolationEndToEndIT.class
                .getResource("/fashion-mnist-subset")
                .toURI());
    out = tmp.resolve("results");
    StringWriter errors = new StringWriter();
    exit = Main.run(new PrintWriter(errors, true), study(out).toArray(String[]::new));
    err = errors.toString();
    summary = exit == 0 ? SummarySchema.assertValid(out.resolve("summary.json")) : null;
  }

  private static List<String> study(Path outDir) {
    return new ArrayList<>(
        List.of(
            "--data-dir",
            data.toString(),
            "--out",
            outDir.toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--configs",
            SMALL + "," + LARGE,
            "--epochs",
            "1",
            "--seeds",
            "1",
            "--grid-size",
            "5",
            "--landscape-samples",
            "300",
            "--direction-pairs",
            "1",
            "--eps",
            "0.5,1.0",
            "--device",
            "cpu",
            "--trajectory",
            "--checkpoints",
            "5",
            "--interpolation",
            "--interpolation-points",
            "5"));
  }

  @Test
  void everyPromisedFileIsWritten() {
    assertThat(exit).as(err).isZero();
    assertThat(out.resolve("trajectory.png")).isRegularFile();
    assertThat(out.resolve("interpolation.png")).isRegularFile();
    for (String recipe : List.of(SMALL, LARGE)) {
      Path dir = out.resolve(recipe);
      for (String file :
          List.of(
              "trajectory.png",
              "checkpoints/index.json",
              "checkpoints/step-0/dense0.kernel.npy",
              "trajectory/loss.npy",
              "trajectory/accuracy.npy",
              "trajectory/xcoordinates.npy",
              "trajectory/ycoordinates.npy",
              "trajectory/proj_xcoord.npy",
              "trajectory/proj_ycoord.npy",
              "trajectory/explained_variance_ratio.npy",
              "trajectory/steps.npy",
              "trajectory/directions/pc1/dense0.kernel.npy",
              "trajectory/directions/pc2/dense2.bias.npy")) {
        assertThat(dir.resolve(file)).as(recipe + "/" + file).isRegularFile();
      }
    }
    Path line = out.resolve("interpolation").resolve(SMALL + "__" + LARGE);
    for (String file :
        List.of(
            "t.npy",
            "train_loss.npy",
            "train_accuracy.npy",
            "test_loss.npy",
            "test_accuracy.npy")) {
      assertThat(line.resolve(file)).isRegularFile();
    }
  }

  @Test
  void theTrajectorySummaryAgreesWithTheArraysAndEndsAtTheFinalWeights() {
    assertThat(exit).as(err).isZero();
    JsonNode t = summary.path("trajectories").get(0);
    assertThat(t.path("name").asText()).isEqualTo(SMALL);
    // 94 steps in 5 checkpoints: round(j * 94 / 4).
    assertThat(t.path("steps").toString()).isEqualTo("[0,24,47,71,94]");
    float[] x = Npy.read(out.resolve(SMALL + "/trajectory/proj_xcoord.npy")).asFloat32().data();
    float[] y = Npy.read(out.resolve(SMALL + "/trajectory/proj_ycoord.npy")).asFloat32().data();
    for (int k = 0; k < 5; k++) {
      assertThat((double) x[k]).isCloseTo(t.path("proj_xcoord").get(k).asDouble(), within(1e-5));
      assertThat((double) y[k]).isCloseTo(t.path("proj_ycoord").get(k).asDouble(), within(1e-5));
    }
    assertThat(t.path("proj_xcoord").get(4).asDouble()).isZero();
    assertThat(t.path("proj_ycoord").get(4).asDouble()).isZero();
    double first = t.path("explained_variance_ratio").get(0).asDouble();
    double second = t.path("explained_variance_ratio").get(1).asDouble();
    assertThat(first).isGreaterThanOrEqualTo(second).isLessThanOrEqualTo(1);
    assertThat(first + second).isLessThanOrEqualTo(1 + 1e-12);
    // The plane's centre is the final weights: the same loss as the random slice's centre.
    float[] loss = Npy.read(out.resolve(SMALL + "/trajectory/loss.npy")).asFloat32().data();
    double sliceCentre = summary.at("/configs/0/landscape/center_loss").asDouble();
    assertThat(t.path("center_loss").asDouble()).isCloseTo(sliceCentre, within(1e-6));
    assertThat((double) loss[2 * 5 + 2]).isCloseTo(sliceCentre, within(1e-6));
    // The large-batch run has 3 steps: 5 checkpoints over 3 steps are steps 0, 1, 2, 3.
    assertThat(summary.path("trajectories").get(1).path("steps").toString()).isEqualTo("[0,1,2,3]");
  }

  @Test
  void theProjectionsAreTheCheckpointsOffsetsAlongTheSavedDirections() {
    assertThat(exit).as(err).isZero();
    Path dir = out.resolve(SMALL);
    Parameters finalWeights = ModelFiles.read(dir);
    MlpArchitecture net = MlpArchitecture.of(finalWeights.architecture());
    ParameterLayout layout = new ParameterLayout(net);
    // The last checkpoint is the final weights, bit for bit.
    assertThat(ModelFiles.readTensors(dir.resolve("checkpoints/step-94"), net))
        .isEqualTo(finalWeights);
    double[] centre = layout.flatten(finalWeights);
    double[] pc1 =
        layout.flatten(ModelFiles.readTensors(dir.resolve("trajectory/directions/pc1"), net));
    double[] start = layout.flatten(ModelFiles.readTensors(dir.resolve("checkpoints/step-0"), net));
    double along = 0;
    double norm = 0;
    for (int i = 0; i < centre.length; i++) {
      along += (start[i] - centre[i]) * pc1[i];
      norm += pc1[i] * pc1[i];
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
    double expected = summary.at("/trajectories/0/proj_xcoord/0").asDouble();
    assertThat(along).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
    assertThat(expected).isPositive(); // the start is oriented to >= 0
  }

  @Test
  void theLinesEndsAreTheTwoModelsOwnLossesExactly() {
    assertThat(exit).as(err).isZero();
    JsonNode line = summary.path("interpolation");
    assertThat(line.path("t").toString()).isEqualTo("[-0.5,0.0,0.5,1.0,1.5]");
    JsonNode pair = line.path("pairs").get(0);
    assertThat(pair.path("from").asText()).isEqualTo(SMALL);
    assertThat(pair.path("to").asText()).isEqualTo(LARGE);
    JsonNode small = summary.path("configs").get(0);
    JsonNode large = summary.path("configs").get(1);
    assertThat(pair.at("/train/loss/1").asDouble()).isEqualTo(small.path("train_loss").asDouble());
    assertThat(pair.at("/train/loss/3").asDouble()).isEqualTo(large.path("train_loss").asDouble());
    assertThat(pair.at("/test/loss/1").asDouble()).isEqualTo(small.path("test_loss").asDouble());
    assertThat(pair.at("/test/loss/3").asDouble()).isEqualTo(large.path("test_loss").asDouble());
    assertThat(pair.at("/test/accuracy/3").asDouble())
        .isEqualTo(large.path("test_accuracy").asDouble());
    assertThat(pair.at("/train/samples").asInt()).isEqualTo(3000);
    assertThat(pair.at("/test/samples").asInt()).isEqualTo(1000);
    float[] saved =
        Npy.read(out.resolve("interpolation/" + SMALL + "__" + LARGE + "/test_loss.npy"))
            .asFloat32()
            .data();
    assertThat((double) saved[4]).isCloseTo(pair.at("/test/loss/4").asDouble(), within(1e-5));
  }

  @Test
  void theInterpolateCommandReproducesTheStudysLineFromTheSavedWeights() {
    assertThat(exit).as(err).isZero();
    Path lines = tmp.resolve("lines");
    StringWriter errors = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(errors, true),
            "interpolate",
            "--from",
            out.resolve(SMALL).toString(),
            "--to",
            out.resolve(LARGE).toString(),
            "--out",
            lines.toString(),
            "--data-dir",
            data.toString(),
            "--device",
            "cpu",
            "--interpolation-points",
            "5",
            "--no-plots");
    assertThat(code).as(errors.toString()).isZero();
    JsonNode again = SummarySchema.assertValid(lines.resolve("summary.json"));
    JsonNode pair = again.at("/interpolation/pairs/0");
    assertThat(pair.path("from_weights").asText()).endsWith(SMALL);
    assertThat(pair.path("train")).isEqualTo(summary.at("/interpolation/pairs/0/train"));
    assertThat(pair.path("test")).isEqualTo(summary.at("/interpolation/pairs/0/test"));
    assertThat(again.path("configs")).hasSize(2);
    assertThat(again.at("/configs/1/test_loss").asDouble())
        .isEqualTo(summary.at("/configs/1/test_loss").asDouble());
    assertThat(again.has("seed")).isFalse();
  }

  @Test
  void twoModelsOfDifferentArchitecturesAreRefusedInOneLineWithExitCode2() {
    Path other = tmp.resolve("narrow");
    ModelFiles.write(
        other, Initialization.HE.initialize(new MlpArchitecture(784, List.of(32), 10), 1));
    StringWriter errors = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(errors, true),
            "interpolate",
            "--from",
            out.resolve(SMALL).toString(),
            "--to",
            other.toString(),
            "--out",
            tmp.resolve("refused").toString(),
            "--data-dir",
            data.toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(errors.toString().strip().lines()).hasSize(1);
    assertThat(errors.toString())
        .contains("cannot interpolate between --from")
        .contains("(784-128-64-10) and --to")
        .contains("(784-32-10): the architectures differ")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("refused")).doesNotExist();
  }

  @Test
  void aSecondRunReusesTheCachedCheckpoints() {
    assertThat(exit).as(err).isZero();
    Path again = tmp.resolve("again");
    List<String> args = study(again);
    args.add("--no-plots");
    StringWriter errors = new StringWriter();
    assertThat(Main.run(new PrintWriter(errors, true), args.toArray(String[]::new)))
        .as(errors.toString())
        .isZero();
    JsonNode second = SummarySchema.assertValid(again.resolve("summary.json"));
    assertThat(second.at("/configs/0/from_cache").asBoolean()).isTrue();
    assertThat(second.path("trajectories")).isEqualTo(summary.path("trajectories"));
    assertThat(again.resolve(SMALL + "/checkpoints/step-47/dense1.kernel.npy")).isRegularFile();
  }

  @Test
  void twoModelsThatDoNotFitTheDataAreRefusedInOneLineWithExitCode1() {
    MlpArchitecture small = new MlpArchitecture(10, List.of(4), 3);
    ModelFiles.write(tmp.resolve("small-a"), Initialization.HE.initialize(small, 1));
    ModelFiles.write(tmp.resolve("small-b"), Initialization.HE.initialize(small, 2));
    StringWriter errors = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(errors, true),
            "interpolate",
            "--from",
            tmp.resolve("small-a").toString(),
            "--to",
            tmp.resolve("small-b").toString(),
            "--out",
            tmp.resolve("unfit").toString(),
            "--data-dir",
            data.toString(),
            "--device",
            "cpu");
    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(errors.toString().strip().lines()).hasSize(1);
    assertThat(errors.toString())
        .contains(
            "(10-4-3) take 10 inputs and give 3 logits, but the data have 784 features and 10")
        .doesNotContain("unexpected");
  }
}
