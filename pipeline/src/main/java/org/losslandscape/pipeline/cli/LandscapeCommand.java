package org.losslandscape.pipeline.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.PipelineModule;
import org.losslandscape.pipeline.SliceOnlyPipeline;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.results.ModelFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loss-landscape landscape --weights DIR}: slice a saved model instead of training. */
@Command(
    name = "landscape",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Slices the loss surface around saved weights (DIR/model.json and DIR/weights/<param>.npy, "
          + "float32, [in, out] kernels): results/<config>/ of an earlier run, or a model trained "
          + "elsewhere. Writes the arrays, figures and summary.json to --out.",
      "",
      "Example: loss-landscape landscape --weights results/high_lr_small_batch --out sliced",
      ""
    })
public final class LandscapeCommand implements Callable<Integer> {

  @Option(
      names = "--weights",
      paramLabel = "DIR",
      required = true,
      description = "Folder with model.json and weights/.")
  Path weights;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "model",
      description = "Name of the results sub-folder and figure label (default: ${DEFAULT-VALUE}).")
  String name;

  @Mixin CommonOptions common = new CommonOptions();

  @Mixin SliceOptions slice = new SliceOptions();

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new UsageException("--name may only use letters, digits, _ . -, got '" + name + "'");
    }
    Parameters parameters = ModelFiles.read(weights);
    TrainingOptions defaults = CommandLine.populateCommand(new TrainingOptions());
    StudyOptions options =
        StudyOptionsFactory.validated(
            () ->
                StudyOptionsFactory.build(common, defaults, slice)
                    .withArchitecture(parameters.architecture()));
    OutputFolder.checkWritable(options.outputDir());
    Injector injector =
        Guice.createInjector(new PipelineModule(options, PipelineModule.chooseDevice(options)));
    injector.getInstance(SliceOnlyPipeline.class).run(name, weights, parameters);
    return ExitCodes.OK;
  }
}
