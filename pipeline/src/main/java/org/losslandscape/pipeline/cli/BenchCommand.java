package org.losslandscape.pipeline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.pipeline.bench.BenchEvaluator;
import org.losslandscape.pipeline.bench.BenchReport;
import org.losslandscape.pipeline.bench.BenchSettings;
import org.losslandscape.pipeline.bench.Benchmark;
import org.losslandscape.pipeline.config.StudySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
          + " filter-normalized direction pair, then times the per-point, row-batched and"
          + " decomposed landscape evaluators on the same weights, directions and samples"
          + " (repeats interleaved, so machine load hits all alike), a 2048x2048 MatMul as the"
          + " practical peak, training steps at batch 32 and 1024, and stacks of M models trained"
          + " in one graph against one model alone, and the slice of a LeNet and a ResNet-8 with"
          + " the first layer shared between points against run at every point. Prints a"
          + " Markdown table.",
      ""
    })
public final class BenchCommand implements Callable<Integer> {

  private static final BenchSettings DEFAULTS = BenchSettings.defaults();

  @Spec CommandSpec spec;

  @Mixin CommonOptions common = new CommonOptions();

  @Option(
      names = "--grid-size",
      paramLabel = "N",
      description = "Points per axis of the benchmark grid (default: ${DEFAULT-VALUE}).")
  int gridSize = DEFAULTS.grid().size();

  @Option(
      names = "--samples",
      paramLabel = "N",
      description =
          "Training examples per grid point, a seeded subset (default: ${DEFAULT-VALUE}; all if"
              + " more).")
  int samples = DEFAULTS.samples();

  @Option(
      names = "--repeats",
      paramLabel = "N",
      description = "Timed repeats of each evaluator (default: ${DEFAULT-VALUE}).")
  int repeats = DEFAULTS.repeats();

  @Option(
      names = "--pointwise-grid",
      paramLabel = "N",
      description =
          "The per-point reference is slow: it is timed on this smaller grid (if smaller than "
              + "--grid-size) and its time scaled by the point count (default: ${DEFAULT-VALUE}).")
  int pointwiseGrid = DEFAULTS.pointwiseGrid().size();

  @Option(
      names = "--evaluators",
      paramLabel = "LIST",
      split = ",",
      description =
          "Which evaluators to time, of pointwise, row-batched, decomposed, bf16 (default: all).")
  List<String> evaluators =
      new ArrayList<>(DEFAULTS.evaluators().stream().map(BenchEvaluator::cliName).toList());

  @Option(
      names = "--step-timing",
      negatable = true,
      fallbackValue = "true",
      description =
          "Time training steps at batch 32 and 1024 (default: on; --no-step-timing skips it).")
  boolean stepTiming = DEFAULTS.stepTiming();

  @Option(
      names = "--stack-sizes",
      paramLabel = "LIST",
      split = ",",
      description =
          "Stack sizes whose training steps are timed against one model trained alone, at batch 32"
              + " and 1024 (default: 1,4,10,20; needs step timing).")
  List<Integer> stackSizes = new ArrayList<>(DEFAULTS.stackSizes());

  @Option(
      names = "--measure-timing",
      negatable = true,
      fallbackValue = "true",
      description =
          "Time the Hessian, worst-case and average-case measures on the trained model (default:"
              + " on; --no-measure-timing skips it).")
  boolean measureTiming = DEFAULTS.measureTiming();

  @Option(
      names = "--network-timing",
      negatable = true,
      fallbackValue = "true",
      description =
          "Time the slice of a LeNet and a ResNet-8 with the first layer shared between grid"
              + " points against run at every point (default: on; --no-network-timing skips it).")
  boolean networkTiming = DEFAULTS.networkTiming();

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    BenchSettings bench =
        SettingsFactory.validated(
            () ->
                new BenchSettings(
                    new GridSpec(gridSize, -1, 1),
                    pointwiseGrid(),
                    samples,
                    repeats,
                    evaluators.stream().map(BenchEvaluator::parse).toList(),
                    stepTiming,
                    measureTiming,
                    stackSizes,
                    networkTiming));
    StudySettings settings = SettingsFactory.standalone(common, null, null, null, null);
    BenchReport report = CommandSetup.wired(settings, Benchmark.class).run(bench, command());
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.markdown());
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The per-point grid, whose errors name its own flag (the table maps grid sizes to --grid-size).
   */
  private GridSpec pointwiseGrid() {
    try {
      return new GridSpec(pointwiseGrid, -1, 1);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--pointwise-grid: " + e.getMessage());
    }
  }

  private String command() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return "java -jar pipeline/target/loss-landscape.jar "
        + (args.isEmpty() ? "bench" : String.join(" ", args));
  }
}
