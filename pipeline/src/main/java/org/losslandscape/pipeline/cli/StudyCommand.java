package org.losslandscape.pipeline.cli;

import com.google.inject.Guice;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.pipeline.PipelineModule;
import org.losslandscape.pipeline.ProtocolStudy;
import org.losslandscape.pipeline.StudyPipeline;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.MemoryEstimate;
import org.losslandscape.pipeline.config.Protocol;
import org.losslandscape.pipeline.config.StudySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The default command: train the recipes, slice each minimum, measure, plot, report. */
@Command(
    name = "loss-landscape",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    subcommands = {
      LandscapeCommand.class,
      InterpolateCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      SweepCommand.class,
      PgdlCommand.class
    },
    description = {
      "Trains an MLP on Fashion-MNIST under several learning-rate / batch-size recipes, slices the"
          + " loss surface around each minimum along two filter-normalized random directions,"
          + " measures sharpness, and writes figures, arrays and summary.json to --out.",
      "",
      "Example: loss-landscape --epochs 10 --grid-size 31 --out results",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything ran",
      "1:missing/corrupt data, unwritable output or another failure (one-line message)",
      "2:impossible or contradictory options",
      "3:--require-gpu and no usable GPU",
      "4:finished, but a recipe diverged (marked in summary.json)",
      "130/143:stopped by Ctrl-C / SIGTERM (the same command resumes from the cache)"
    })
public final class StudyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CommonOptions common = new CommonOptions();

  @Mixin OutputOptions output = new OutputOptions();

  @Mixin CacheOptions cache = new CacheOptions();

  @Mixin TrainingOptions training = new TrainingOptions();

  @Mixin SliceOptions slice = new SliceOptions();

  @Mixin TrajectoryOptions trajectory = new TrajectoryOptions();

  @Mixin InterpolationOptions interpolation = new InterpolationOptions();

  /** The validated settings the parsed options stand for. */
  StudySettings settings() {
    return SettingsFactory.study(common, output, cache, training, slice, trajectory, interpolation);
  }

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    StudySettings settings = settings();
    SettingsFactory.requireMemory(() -> MemoryEstimate.forStudy(settings));
    List<Protocol> protocols = SettingsFactory.protocols(training);
    // Each protocol's budget must suit the shared settings (e.g. a cosine schedule needs an end).
    SettingsFactory.validated(() -> protocols.stream().map(settings::forProtocol).toList());
    OutputFolder.prepare(settings.output().directory());
    DeviceChoice device = PipelineModule.chooseDevice(settings.device());
    Invocation invocation = Invocation.of(spec.commandLine().getParseResult().originalArgs());
    boolean diverged =
        protocols.isEmpty()
            ? Guice.createInjector(new PipelineModule(settings, device, invocation))
                .getInstance(StudyPipeline.class)
                .run()
                .results()
                .anyDiverged()
            : new ProtocolStudy(settings, device, invocation).run(protocols);
    return diverged ? ExitCodes.DIVERGED : ExitCodes.OK;
  }
}
