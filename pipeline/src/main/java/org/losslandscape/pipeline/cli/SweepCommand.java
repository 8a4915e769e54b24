package org.losslandscape.pipeline.cli;

import com.google.inject.Guice;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslandscape.pipeline.PipelineModule;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.MemoryEstimate;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.SweepBackend;
import org.losslandscape.pipeline.config.SweepSettings;
import org.losslandscape.pipeline.stages.StudyResults;
import org.losslandscape.pipeline.sweep.EmbeddedExecutor;
import org.losslandscape.pipeline.sweep.SparkSupport;
import org.losslandscape.pipeline.sweep.SweepExecutor;
import org.losslandscape.pipeline.sweep.SweepJob;
import org.losslandscape.pipeline.sweep.SweepPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code loss-landscape sweep}: the study over a grid of learning rates x batch sizes x seeds, one
 * task per run, on this machine or on Spark, merged into one study folder.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Trains, slices and measures every setting of a grid (learning rate x batch size, and width,"
          + " depth, weight decay, dropout, momentum, optimizer and training-set size when given)"
          + " and seed as one task"
          + " each, on this machine (--parallel N) or on Apache Spark (--master, or spark-submit),"
          + " and merges the tasks into one study folder: the study's summary.json, VERDICT.md and"
          + " figures, plus sweep_heatmap.png, sweep.json and sweep_results.csv. Finished tasks"
          + " are kept in --out/tasks/; a rerun skips them.",
      "",
      "Example: loss-landscape sweep --lrs 0.1,0.03,0.01 --batches 32,128,1024 --seeds 3"
          + " --steps 2000 --parallel 2 --out sweep",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every task ran",
      "1:missing/corrupt data, unwritable output, a failed task or another failure",
      "2:impossible or contradictory options",
      "3:--require-gpu and no usable GPU",
      "4:finished, but a run diverged (marked in summary.json)"
    })
public final class SweepCommand implements Callable<Integer> {

  /** Options of the default study that the grid replaces. */
  static final List<String> RECIPE_FLAGS =
      List.of("--configs", "--lr-high", "--lr-low", "--batch-small", "--batch-large");

  @Spec CommandSpec spec;

  @Mixin CommonOptions common = new CommonOptions();

  @Mixin OutputOptions output = new OutputOptions();

  @Mixin CacheOptions cache = new CacheOptions();

  @Mixin TrainingOptions training = new TrainingOptions();

  @Mixin SliceOptions slice = new SliceOptions();

  @Mixin SweepOptions sweep = new SweepOptions();

  /** The validated sweep settings the parsed options stand for. */
  SweepSettings sweepSettings() {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (String flag : RECIPE_FLAGS) {
      if (parsed.hasMatchedOption(flag)) {
        throw new UsageException(
            flag + " does not apply to a sweep: its recipes are --lrs x --batches");
      }
    }
    if (parsed.hasMatchedOption("--protocols")) {
      throw new UsageException(
          "--protocols does not apply to a sweep: run one sweep per budget (--epochs, --steps or"
              + " --target-loss)");
    }
    boolean spark = sweep.master != null || SparkSupport.launchedBySparkSubmit();
    if (spark && parsed.hasMatchedOption("--parallel")) {
      throw new UsageException(
          "--parallel is for the embedded executor; on Spark the cluster decides (executor"
              + " cores over spark.task.cpus)");
    }
    return SettingsFactory.sweep(sweep, spark);
  }

  /** The validated study settings of the sweep: the grid's recipes, everything else as given. */
  StudySettings settings(SweepSettings sweepSettings) {
    return SettingsFactory.study(
        common, output, cache, training, slice, sweepSettings.grid().recipes(training.hidden));
  }

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    SweepSettings sweepSettings = sweepSettings();
    StudySettings requested = settings(sweepSettings);
    SettingsFactory.requireMemory(() -> MemoryEstimate.forStudy(requested));
    OutputFolder.prepare(requested.output().directory());
    List<String> args = sweepArguments();
    try (SweepExecutor executor = open(sweepSettings.backend())) {
      int threads = executor.threadsPerTask(requested.device().threads());
      Invocation invocation = Invocation.of(withCommandName(args));
      SweepJob job =
          new SweepJob(
              SweepArguments.forTasks(args, requested, threads),
              invocation.commandLine(),
              SweepArguments.Parser.SWEEP_COMMAND);
      StudySettings settings = job.settings();
      StudyResults results =
          Guice.createInjector(
                  new PipelineModule(
                      settings, PipelineModule.chooseDevice(settings.device()), invocation),
                  binder -> binder.bind(SweepSettings.class).toInstance(sweepSettings))
              .getInstance(SweepPipeline.class)
              .run(executor, job);
      return results.anyDiverged() ? ExitCodes.DIVERGED : ExitCodes.OK;
    }
  }

  /**
   * The sweep's own options as given (raw values, before splitting and conversion), rebuilt from
   * what this command matched: the parent command's options and the command name stay out.
   */
  List<String> sweepArguments() {
    List<String> args = new java.util.ArrayList<>();
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      if (option.arity().max() == 0) {
        args.add(option.longestName());
        continue;
      }
      for (String value : option.originalStringValues()) {
        args.add(option.longestName());
        args.add(value);
      }
    }
    return args;
  }

  private List<String> withCommandName(List<String> args) {
    List<String> out = new java.util.ArrayList<>();
    out.add(spec.name());
    out.addAll(args);
    return out;
  }

  private static SweepExecutor open(SweepBackend backend) {
    if (backend instanceof SweepBackend.Embedded e) {
      return new EmbeddedExecutor(e.parallel());
    }
    try {
      return SparkSupport.open(((SweepBackend.Spark) backend).master());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UsageException(FlagNames.translate(e.getMessage()));
    }
  }
}
