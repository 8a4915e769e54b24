package org.losslandscape.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.PointwiseLandscapeEvaluator;
import org.losslandscape.models.landscape.RowBatchedLandscapeEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.StepTiming;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingListener;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.bench.BenchReport;
import org.losslandscape.pipeline.bench.FlopModel;
import org.losslandscape.pipeline.bench.LandscapeBenchmark;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Candidate;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Difference;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Measured;
import org.losslandscape.pipeline.bench.Timing;
import org.losslandscape.pipeline.data.FashionMnist;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loss-landscape bench}: times the landscape evaluators and the training step side by side
 * in one process, on realistic weights, and prints a Markdown table.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Trains the default 784-128-64-10 MLP for one epoch (lr 0.1, batch 128), draws a"
          + " filter-normalized",
      "direction pair, then times the per-point, row-batched and decomposed landscape evaluators on"
          + " the same",
      "weights, directions and samples (repeats interleaved, so machine load hits all alike), a"
          + " 2048x2048",
      "MatMul as the practical peak, and training steps at batch 32 and 1024. Prints a Markdown"
          + " table.",
      ""
    })
public final class BenchCommand implements Callable<Integer> {

  private static final Logger LOG = LogManager.getLogger(BenchCommand.class);

  static final String POINTWISE = "per-point";
  static final String ROW_BATCHED = "row-batched";
  static final String DECOMPOSED = "decomposed";
  static final String BF16 = "decomposed, bf16 (opt-in)";
  private static final int MATMUL_SIZE = 2048;
  private static final long TRAINING_SEED = 42;
  private static final long DIRECTION_SEED = 7;
  private static final long SAMPLE_SEED = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Fashion-MNIST folder (default: as for the study: $FASHION_MNIST_DIR, the user cache, "
              + "/usr/share/datasets/fashion-mnist, else download).")
  Path dataDir;

  @Option(
      names = "--grid-size",
      paramLabel = "N",
      defaultValue = "31",
      description = "Points per axis of the benchmark grid (default: ${DEFAULT-VALUE}).")
  int gridSize;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Training examples per grid point, a seeded subset (default: ${DEFAULT-VALUE}; all if"
              + " more).")
  int samples;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "3",
      description = "Timed repeats of each evaluator (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "TensorFlow intra-op threads (default: one per core).")
  int threads;

  @Option(
      names = "--pointwise-grid",
      paramLabel = "N",
      defaultValue = "11",
      description =
          "The per-point reference is slow: it is timed on this smaller grid (if smaller than "
              + "--grid-size) and its time scaled by the point count (default: ${DEFAULT-VALUE}).")
  int pointwiseGrid;

  @Option(
      names = "--evaluators",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "pointwise,row-batched,decomposed,bf16",
      description =
          "Which evaluators to time, of pointwise, row-batched, decomposed, bf16 "
              + "(default: ${DEFAULT-VALUE}).")
  List<String> evaluators;

  @Option(
      names = "--step-timing",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Time training steps at batch 32 and 1024 (default: on; --no-step-timing skips it).")
  boolean stepTiming;

  @Option(names = "--verbose", description = "Debug logging.")
  boolean verbose;

  @Override
  public Integer call() {
    Main.configureLogging(verbose);
    validate();
    String loadAtStart = loadAverage();
    ExecutionSettings settings =
        new ExecutionSettings(
            false, threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), 1);

    long started = System.nanoTime();
    FashionMnist raw = FashionMnistLocator.forThisMachine().load(Optional.ofNullable(dataDir));
    Standardization standardization = Standardization.fit(raw.train());
    LabeledData train =
        new LabeledData(
            standardization.apply(raw.train()), raw.train().labels(), raw.train().pixelsPerImage());
    LOG.info("loaded {} training images in {} s", train.count(), secondsSince(started));

    MlpArchitecture net = MlpArchitecture.fashionMnistDefault();
    Parameters initial = Initialization.HE.initialize(net, TRAINING_SEED);
    SgdTrainer trainer = new SgdTrainer(settings);
    TrainingConfig oneEpoch = config(128, new TrainingBudget.Epochs(1));
    TrainingResult trained = trainer.train(initial, train, oneEpoch, TrainingListener.NONE);
    double trainLoss = trained.curve().get(trained.curve().size() - 1).loss();
    LOG.info(
        "trained {} for 1 epoch in {} s: training loss {}",
        net,
        String.format("%.2f", trained.seconds()),
        String.format("%.4f", trainLoss));
    Parameters theta = trained.parameters();
    DirectionPair directions =
        RandomDirections.draw(
            theta, new DirectionSpec(Normalization.FILTER, false, DIRECTION_SEED));
    LabeledData points = LandscapeSamples.draw("train", train, samples, SAMPLE_SEED).data();

    GridSpec grid = new GridSpec(gridSize, -1, 1);
    int smallN = Math.min(gridSize, pointwiseGrid);
    GridSpec smallGrid = new GridSpec(smallN, -1, 1);
    List<Candidate> candidates = new ArrayList<>();
    long n2 = (long) gridSize * gridSize;
    if (evaluators.contains("pointwise")) {
      candidates.add(
          new Candidate(
              POINTWISE,
              new PointwiseLandscapeEvaluator(settings),
              smallGrid,
              FlopModel.fullForward(net, (long) smallN * smallN, points.count())));
    }
    if (evaluators.contains("row-batched")) {
      candidates.add(
          new Candidate(
              ROW_BATCHED,
              new RowBatchedLandscapeEvaluator(settings),
              grid,
              FlopModel.fullForward(net, n2, points.count())));
    }
    if (evaluators.contains("decomposed")) {
      candidates.add(
          new Candidate(
              DECOMPOSED,
              new DecomposedLandscapeEvaluator(settings),
              grid,
              FlopModel.decomposed(net, n2, points.count())));
    }
    if (evaluators.contains("bf16")) {
      candidates.add(
          new Candidate(
              BF16,
              new DecomposedLandscapeEvaluator(
                  settings,
                  DecomposedLandscapeEvaluator.DEFAULT_TUNING,
                  DecomposedLandscapeEvaluator.Precision.BFLOAT16),
              grid,
              FlopModel.decomposed(net, n2, points.count())));
    }

    Timing matMul = LandscapeBenchmark.matMul(settings, MATMUL_SIZE, 10);
    List<Measured> measured =
        LandscapeBenchmark.time(candidates, theta, directions, points, repeats);
    List<String> checks = checks(measured, grid);

    List<List<StepTiming>> steps = new ArrayList<>();
    if (stepTiming) {
      for (int batch : new int[] {32, 1024}) {
        int timed = batch <= 64 ? 3000 : 300;
        steps.add(
            LandscapeBenchmark.trainingSteps(
                trainer,
                initial,
                train,
                config(batch, new TrainingBudget.Steps(timed)),
                50,
                timed,
                repeats));
      }
    }

    List<String> notes =
        List.of(
            String.format(
                Locale.ROOT,
                "Weights: %s, He init (seed %d), SGD 1 epoch, lr 0.1, batch 128 (training loss"
                    + " %.4f); filter-normalized directions (seed %d), biases not perturbed; range"
                    + " [-1, 1]; %d seeded training examples per point.",
                net,
                TRAINING_SEED,
                trainLoss,
                DIRECTION_SEED,
                points.count()),
            "Times are seconds per whole grid (build, runs and read-back), "
                + repeats
                + (repeats == 1 ? " repeat;" : " repeats interleaved across evaluators;")
                + " throughput, GFLOP/s, % of peak and speed-ups use the medians. The per-point"
                + " reference is timed on a smaller grid and scaled by points.",
            "FLOP model: matrix products only, 2 per multiply-add. Per-point and row-batched run"
                + " the full forward pass at every point: 2 sum(in x out) = "
                + FlopModel.denseForwardPerExample(net)
                + " per point and sample. Decomposed is credited what it executes: P, Q, R once per"
                + " sample (2 x 784 x 3 x 128), then per point and sample the K=2 combination (2 x"
                + " 2 x 128) and layers 2-3 (2 x (128 x 64 + 64 x 10)), so its GFLOP/s is low"
                + " exactly because it skips work.",
            String.format(
                Locale.ROOT,
                "Machine: %d cores, %d intra-op threads; load average %s at start, %s at end. The"
                    + " machine is shared: absolute times move with the load, compare rows of one"
                    + " run only.",
                Runtime.getRuntime().availableProcessors(),
                settings.intraOpThreads(),
                loadAtStart,
                loadAverage()));
    String title =
        String.format(
            Locale.ROOT,
            "%s, %dx%d grid, %,d training samples",
            net,
            gridSize,
            gridSize,
            points.count());
    BenchReport report =
        new BenchReport(
            title,
            gridSize,
            measured,
            DECOMPOSED,
            MATMUL_SIZE,
            matMul,
            checks,
            steps,
            notes,
            command());
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.markdown());
    out.flush();
    LOG.info("bench done in {} s", secondsSince(started));
    return ExitCodes.OK;
  }

  private void validate() {
    if (gridSize < 3 || gridSize % 2 == 0 || pointwiseGrid < 3 || pointwiseGrid % 2 == 0) {
      throw new UsageException(
          "--grid-size and --pointwise-grid must be odd integers >= 3, got "
              + gridSize
              + " and "
              + pointwiseGrid);
    }
    if (samples < 1 || repeats < 1 || threads < 0) {
      throw new UsageException("--samples and --repeats must be >= 1 and --threads >= 0");
    }
    List<String> known = List.of("pointwise", "row-batched", "decomposed", "bf16");
    for (String e : evaluators) {
      if (!known.contains(e)) {
        throw new UsageException(
            "unknown evaluator '"
                + e
                + "' in --evaluators (known: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  private static TrainingConfig config(int batch, TrainingBudget budget) {
    return new TrainingConfig(
        "bench",
        0.1,
        batch,
        0,
        LearningRateSchedule.constant(),
        budget,
        TRAINING_SEED,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }

  /**
   * Result comparisons: decomposed against row-batched (must agree), bf16 against float32 (its
   * error).
   */
  private static List<String> checks(List<Measured> measured, GridSpec grid) {
    List<String> lines = new ArrayList<>();
    Optional<Measured> decomposed = find(measured, DECOMPOSED);
    Optional<Measured> rowBatched = find(measured, ROW_BATCHED);
    Optional<Measured> bf16 = find(measured, BF16);
    String points = grid.size() * grid.size() + " points";
    if (decomposed.isPresent() && rowBatched.isPresent()) {
      Difference d = Difference.of(decomposed.get().grid(), rowBatched.get().grid());
      lines.add(
          String.format(
              Locale.ROOT,
              "Decomposed vs row-batched on the same grid: max |loss difference| "
                  + "%.2e (relative %.2e); accuracies differ at %d of %s (max %.2e).",
              d.maxAbsLoss(),
              d.maxRelLoss(),
              d.accuracyMismatches(),
              points,
              d.maxAbsAccuracy()));
    }
    if (decomposed.isPresent() && bf16.isPresent()) {
      Difference d = Difference.of(bf16.get().grid(), decomposed.get().grid());
      lines.add(
          String.format(
              Locale.ROOT,
              "bf16 error against float32 decomposed: max |loss difference| %.2e (relative %.2e);"
                  + " accuracies differ at %d of %s (max %.2e). Opt-in only, never the default.",
              d.maxAbsLoss(),
              d.maxRelLoss(),
              d.accuracyMismatches(),
              points,
              d.maxAbsAccuracy()));
    }
    return lines;
  }

  private static Optional<Measured> find(List<Measured> measured, String name) {
    return measured.stream().filter(m -> m.candidate().name().equals(name)).findFirst();
  }

  private String command() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return "java -jar pipeline/target/loss-landscape.jar "
        + (args.isEmpty() ? "bench" : String.join(" ", args));
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1 / 5 / 15 min)";
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String secondsSince(long started) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9);
  }
}
