package org.losslandscape.pipeline.bench;

import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.PointwiseLandscapeEvaluator;
import org.losslandscape.models.landscape.RowBatchedLandscapeEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingListener;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Candidate;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Difference;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Measured;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.PreparedData;

/**
 * The {@code bench} run: trains the default MLP for one epoch, draws a filter-normalized direction
 * pair, then times the landscape evaluators and the training step on the same weights, directions
 * and samples, on the device and threads the common options chose (the same wiring as a study).
 */
public final class Benchmark {

  private static final Logger LOG = LogManager.getLogger(Benchmark.class);

  private static final int MATMUL_SIZE = 2048;
  private static final long TRAINING_SEED = 42;
  private static final long DIRECTION_SEED = 7;
  private static final long SAMPLE_SEED = 1;

  private final LoadDataStage loadData;
  private final ExecutionSettings execution;
  private final Lanes lanes;
  private final SgdTrainer trainer;

  @Inject
  public Benchmark(
      LoadDataStage loadData, ExecutionSettings execution, Lanes lanes, SgdTrainer trainer) {
    this.loadData = loadData;
    this.execution = execution;
    this.lanes = lanes;
    this.trainer = trainer;
  }

  /** Runs every timing {@code settings} asks for; {@code command} is quoted in the report. */
  public BenchReport run(BenchSettings settings, String command) {
    String loadAtStart = loadAverage();
    long started = System.nanoTime();
    PreparedData data = loadData.run();
    LabeledData train = data.train();
    LOG.info("loaded {} training images in {} s", train.count(), secondsSince(started));

    // The study's default hidden widths, between the data's input size and classes.
    MlpArchitecture net =
        new MlpArchitecture(
            data.inputShape().size(),
            MlpArchitecture.fashionMnistDefault().hidden(),
            data.classes());
    Parameters initial = Initialization.HE.initialize(net, TRAINING_SEED);
    TrainingResult trained =
        trainer.train(
            initial, train, config(128, new TrainingBudget.Epochs(1)), TrainingListener.NONE);
    double trainLoss = trained.curve().get(trained.curve().size() - 1).loss();
    LOG.info(
        "trained {} for 1 epoch in {} s: training loss {}",
        net,
        String.format(Locale.ROOT, "%.2f", trained.seconds()),
        String.format(Locale.ROOT, "%.4f", trainLoss));
    Parameters theta = trained.parameters();
    DirectionPair directions =
        RandomDirections.draw(
            theta, new DirectionSpec(Normalization.FILTER, false, DIRECTION_SEED));
    LabeledData points =
        LandscapeSamples.draw(DataSplit.TRAIN, train, settings.samples(), SAMPLE_SEED).data();

    List<Candidate> candidates = candidates(settings, net, points.count());
    Timing matMul = LandscapeBenchmark.matMul(execution, MATMUL_SIZE, 10);
    double lanesPeak = LandscapeBenchmark.matMulOnLanes(execution, MATMUL_SIZE, 10, lanes);
    List<Measured> measured =
        LandscapeBenchmark.time(candidates, theta, directions, points, settings.repeats());
    List<String> checks = checks(measured, settings.grid());

    List<TrainingStepBenchmark.Row> steps =
        settings.stepTiming()
            ? TrainingStepBenchmark.time(
                execution,
                initial,
                train,
                TrainingStepBenchmark.defaultCases(),
                TRAINING_SEED,
                settings.repeats())
            : List.of();
    List<StackedTrainingBenchmark.Row> stacked =
        settings.stepTiming() && !settings.stackSizes().isEmpty()
            ? StackedTrainingBenchmark.time(
                execution,
                net,
                train,
                StackedTrainingBenchmark.cases(settings.stackSizes(), lanes.count()),
                TRAINING_SEED,
                settings.repeats())
            : List.of();
    List<MeasureBenchmark.Row> measures =
        settings.measureTiming() ? MeasureBenchmark.time(execution, theta, points, 5) : List.of();
    List<NetworkLandscapeBenchmark.Row> networks =
        settings.networkTiming()
            ? NetworkLandscapeBenchmark.time(
                execution,
                NetworkLandscapeBenchmark.defaultCases(data.inputShape(), data.classes()),
                points,
                settings.repeats())
            : List.of();

    int n = settings.grid().size();
    String title =
        String.format(
            Locale.ROOT, "%s, %dx%d grid, %,d training samples", net, n, n, points.count());
    BenchReport report =
        new BenchReport(
            title,
            n,
            measured,
            BenchEvaluator.DECOMPOSED.label(),
            MATMUL_SIZE,
            matMul,
            lanes.count(),
            lanesPeak,
            checks,
            steps,
            stacked,
            FlopModel.trainingStepPerExample(net),
            measures,
            networks,
            notes(settings, net, trainLoss, points.count(), loadAtStart),
            command);
    LOG.info("bench done in {} s", secondsSince(started));
    return report;
  }

  private List<Candidate> candidates(BenchSettings settings, MlpArchitecture net, int samples) {
    GridSpec grid = settings.grid();
    GridSpec small = settings.pointwiseGrid();
    long n2 = (long) grid.size() * grid.size();
    List<Candidate> out = new ArrayList<>();
    for (BenchEvaluator e : settings.evaluators()) {
      out.add(
          switch (e) {
            case POINTWISE ->
                new Candidate(
                    e.label(),
                    new PointwiseLandscapeEvaluator(execution),
                    small,
                    FlopModel.fullForward(net, (long) small.size() * small.size(), samples));
            case ROW_BATCHED ->
                new Candidate(
                    e.label(),
                    new RowBatchedLandscapeEvaluator(execution),
                    grid,
                    FlopModel.fullForward(net, n2, samples));
            case DECOMPOSED ->
                new Candidate(
                    e.label(),
                    new DecomposedLandscapeEvaluator(execution),
                    grid,
                    FlopModel.decomposed(net, n2, samples));
            case DECOMPOSED_ON_LANES ->
                new Candidate(
                    e.label()
                        + " ("
                        + 2 * lanes.count()
                        + " slices on "
                        + lanes.count()
                        + " lanes)",
                    LandscapeBenchmark.onLanes(
                        new DecomposedLandscapeEvaluator(execution), lanes, 2 * lanes.count()),
                    grid,
                    FlopModel.decomposed(net, n2, samples),
                    2 * lanes.count(),
                    lanes.count());
            case BF16 ->
                new Candidate(e.label(), bf16(), grid, FlopModel.decomposed(net, n2, samples));
          });
    }
    return out;
  }

  private LandscapeEvaluator bf16() {
    return new DecomposedLandscapeEvaluator(
        execution,
        DecomposedLandscapeEvaluator.DEFAULT_TUNING,
        DecomposedLandscapeEvaluator.Precision.BFLOAT16);
  }

  private List<String> notes(
      BenchSettings settings, MlpArchitecture net, double trainLoss, int samples, String load) {
    int repeats = settings.repeats();
    return List.of(
        String.format(
            Locale.ROOT,
            "Weights: %s, He init (seed %d), SGD 1 epoch, lr 0.1, batch 128 (training loss"
                + " %.4f); filter-normalized directions (seed %d), biases not perturbed; range"
                + " [-1, 1]; %d seeded training examples per point.",
            net,
            TRAINING_SEED,
            trainLoss,
            DIRECTION_SEED,
            samples),
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
            "Machine: %d cores, device %s, %d intra-op threads; load average %s at start, %s at"
                + " end. The machine is shared: absolute times move with the load, compare rows of"
                + " one run only.",
            Runtime.getRuntime().availableProcessors(),
            execution.deviceSpec(),
            execution.intraOpThreads(),
            load,
            loadAverage()));
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
    Optional<Measured> decomposed = find(measured, BenchEvaluator.DECOMPOSED);
    Optional<Measured> rowBatched = find(measured, BenchEvaluator.ROW_BATCHED);
    Optional<Measured> bf16 = find(measured, BenchEvaluator.BF16);
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

  private static Optional<Measured> find(List<Measured> measured, BenchEvaluator evaluator) {
    return measured.stream()
        .filter(m -> m.candidate().name().equals(evaluator.label()))
        .findFirst();
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
