package org.losslandscape.pipeline.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.measures.AverageCaseMeasure;
import org.losslandscape.pipeline.measures.HessianMeasure;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.SliceMeasure;
import org.losslandscape.pipeline.measures.WorstCaseMeasure;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.DataSummary;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.MeasuresSummary;
import org.losslandscape.pipeline.summary.ModelSummary;
import org.losslandscape.pipeline.summary.OrderingSummary;
import org.losslandscape.pipeline.summary.PreprocessingSummary;
import org.losslandscape.pipeline.summary.RecipeSummary;
import org.losslandscape.pipeline.summary.SharpnessSummary;
import org.losslandscape.pipeline.summary.Summary;
import org.losslandscape.pipeline.summary.TrainingSummary;
import org.losslandscape.pipeline.verdict.Measure;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictAnalysis;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * A results folder written by hand, without TensorFlow: two recipes, the first sliced on a 5x5 grid
 * whose sharpness at radius 1.0 is +infinity (so summary.json holds null with a reason there), the
 * second diverged (no slice), and a verdict that resolves nothing. The summary is written through
 * the same records and writer as the study's, and the tests check it against the published schema.
 */
final class SyntheticResults {

  static final String SHA = "a".repeat(64);

  /** The 5x5 loss of the first recipe: a bowl, 0.25 at the centre. */
  static final double[][] LOSS = bowl(5);

  private SyntheticResults() {}

  /** Writes the folder into {@code dir} and returns it. */
  static Path write(Path dir) throws Exception {
    Files.createDirectories(dir);
    Json.write(dir.resolve("summary.json"), summary());
    Path first = dir.resolve("high_lr_small_batch");
    float[] coords = {-1f, -0.5f, 0f, 0.5f, 1f};
    Npy.writeFloat32(first.resolve("coords.npy"), new int[] {5}, coords);
    Npy.writeFloat32(first.resolve("loss.npy"), new int[] {5, 5}, flat(LOSS));
    Npy.writeFloat32(first.resolve("accuracy.npy"), new int[] {5, 5}, flat(accuracy(5)));
    AtomicFiles.write(
        first.resolve("training.csv"),
        "epoch,step,loss,accuracy\n1.0000,94,0.400000,0.850000\n2.0000,188,0.300000,0.900000\n"
            .getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(dir.resolve("low_lr_large_batch"));
    AtomicFiles.write(
        dir.resolve("low_lr_large_batch/training.csv"),
        "epoch,step,loss,accuracy\n1.0000,3,NaN,0.100000\n".getBytes(StandardCharsets.UTF_8));
    return dir;
  }

  static Summary summary() {
    Map<String, Double> slice = new LinkedHashMap<>();
    slice.put("0.5", 0.1875);
    slice.put("1.0", null);
    Map<String, SharpnessSummary.SliceOverPairs> overPairs = new LinkedHashMap<>();
    overPairs.put(
        "0.5",
        new SharpnessSummary.SliceOverPairs(
            0.1875, 0.125, 0.25, null, 2, new double[] {0.15, 0.225}, 5, new double[] {0.15, 0.2}));
    overPairs.put(
        "1.0",
        new SharpnessSummary.SliceOverPairs(
            Double.POSITIVE_INFINITY,
            null,
            null,
            "non_finite",
            2,
            new double[] {0.75, Double.POSITIVE_INFINITY},
            13,
            new double[] {0.7, Double.POSITIVE_INFINITY}));
    RecipeSummary sliced =
        new RecipeSummary(
            "high_lr_small_batch",
            0.1,
            32,
            null,
            0.1 / 32,
            "sgd",
            "constant",
            null,
            2.0,
            188L,
            "completed",
            null,
            false,
            1.5,
            0.3,
            0.9,
            0.45,
            0.84,
            0.15,
            new LandscapeSummary(
                5,
                List.of(-1.0, 1.0),
                "filter",
                false,
                "zero",
                null,
                "train",
                300,
                null,
                7,
                2,
                0.25,
                0.25,
                1.25),
            new SharpnessSummary(slice, Map.of("1.0", Json.POSITIVE_INFINITY), overPairs),
            null,
            measures());
    RecipeSummary diverged =
        new RecipeSummary(
            "low_lr_large_batch",
            10.0,
            32,
            null,
            10.0 / 32,
            "sgd",
            "constant",
            null,
            0.03,
            3L,
            "diverged",
            "minibatch loss NaN at step 3",
            false,
            0.1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new Summary(
        Summary.FORMAT,
        Summary.FORMAT_VERSION,
        "loss-landscape",
        "0.1.0",
        "2.18.0",
        "1.1.0",
        "cpu",
        "asked for cpu",
        "cpu",
        false,
        new Summary.Threads(2, 1),
        42L,
        null,
        new DataSummary(
            "/data (--data-dir)",
            3000,
            1000,
            SHA,
            List.of(
                new DataFile("train-images-idx3-ubyte.gz", 10, SHA),
                new DataFile("train-labels-idx1-ubyte.gz", 11, SHA),
                new DataFile("t10k-images-idx3-ubyte.gz", 12, SHA),
                new DataFile("t10k-labels-idx1-ubyte.gz", 13, SHA)),
            List.of(28, 28, 1),
            10),
        PreprocessingSummary.of(0.28, 0.35),
        Map.of("train", 1.25),
        new ModelSummary("784-128-64-10", "relu", "he", 109386),
        new TrainingSummary("sgd", 0, "constant", "epochs", "2 epochs"),
        "slice sharpness <definition>",
        1,
        List.of(sliced, diverged),
        Map.of(
            "0.5",
            new OrderingSummary(
                "direction_pairs",
                OrderingSummary.RULE,
                0,
                List.of(),
                List.of(
                    new OrderingSummary.Skipped(
                        "high_lr_small_batch", "low_lr_large_batch", "single_value")))),
        verdict(),
        null,
        null,
        null);
  }

  /** Curvature and worst- and average-case sharpness of the sliced recipe (a NaN among them). */
  private static MeasuresSummary measures() {
    return new MeasuresSummary(
        0.25,
        List.of(
            new MeasuresSummary.Section(
                Measures.HESSIAN.sectionName(),
                new HessianMeasure.Section(
                    List.of(new HessianMeasure.Eigenvalue(12.5, "converged", 9, 1e-4)),
                    20,
                    new IntervalSummary(150.0, 140.0, 160.0, null, 10),
                    10,
                    0.625)),
            new MeasuresSummary.Section(
                Measures.WORST_CASE.sectionName(),
                new WorstCaseMeasure.Section(
                    new WorstCaseMeasure.Ascent(
                        "SAM: max over ||e|| <= 0.05",
                        0.031,
                        0.029,
                        20,
                        2,
                        42,
                        new double[] {0.029, 0.030, 0.031, 0.031},
                        true),
                    new WorstCaseMeasure.Ascent(
                        "ASAM",
                        Double.NaN,
                        Double.NaN,
                        20,
                        2,
                        42,
                        new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                        true),
                    new WorstCaseMeasure.Ascent(
                        "Keskar phi, eps 1e-3",
                        1.7,
                        1.2,
                        20,
                        2,
                        42,
                        new double[] {1.2, 1.5, 1.6, 1.7},
                        false),
                    null)),
            new MeasuresSummary.Section(
                Measures.AVERAGE_CASE.sectionName(),
                new AverageCaseMeasure.Section(
                    new AverageCaseMeasure.MonteCarlo(
                        "isotropic", new IntervalSummary(0.02, 0.01, 0.03, null, 50), 50, true),
                    new AverageCaseMeasure.MonteCarlo(
                        "element-scaled",
                        new IntervalSummary(0.01, 0.005, 0.015, null, 50),
                        50,
                        true)))));
  }

  /** The verdict over the one usable run (the diverged recipe has none): nothing resolved. */
  private static Verdict verdict() {
    Measure m = SliceMeasure.at(0.5, "filter");
    Recipe sliced = new Recipe("high_lr_small_batch", 0.1, 32);
    Recipe diverged = new Recipe("low_lr_large_batch", 10.0, 32);
    List<RunMeasurements> runs =
        List.of(
            new RunMeasurements(
                new RunId(sliced.name(), 42, 0), sliced, 0.3, 0.9, 0.45, 0.84, Map.of(m, 0.1875)));
    return VerdictAnalysis.verdict(
        List.of(
            new VerdictAnalysis(1, 200)
                .protocol(
                    "epochs", "2 epochs", null, List.of(sliced, diverged), runs, List.of(m))));
  }

  /** L(a, b) = 0.25 + a^2 + b^2 / 4 on coordinates -1, -0.5, 0, 0.5, 1 (first index a). */
  private static double[][] bowl(int n) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = -1 + 0.5 * i;
        double b = -1 + 0.5 * j;
        out[i][j] = 0.25 + a * a + b * b / 4;
      }
    }
    return out;
  }

  private static double[][] accuracy(int n) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = 0.9 - 0.1 * Math.abs(i - n / 2) - 0.05 * Math.abs(j - n / 2);
      }
    }
    return out;
  }

  private static float[] flat(double[][] grid) {
    int n = grid.length;
    float[] out = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i * n + j] = (float) grid[i][j];
      }
    }
    return out;
  }
}
