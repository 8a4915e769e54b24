package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.SliceOnlyPipeline;
import org.losslandscape.pipeline.config.MemoryEstimate;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.results.Provenance;
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
          + "[in, out] kernels): results/<config>/ of an earlier run, or a model trained "
          + "elsewhere. Writes the arrays, figures and summary.json to --out. Weights trained by "
          + "this tool are evaluated with the preprocessing recorded in their model.json.",
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

  @Mixin OutputOptions output = new OutputOptions();

  @Mixin CacheOptions cache = new CacheOptions();

  @Mixin SliceOptions slice = new SliceOptions();

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new UsageException("--name may only use letters, digits, _ . -, got '" + name + "'");
    }
    StudySettings settings = SettingsFactory.standalone(common, output, cache, slice, null);
    Parameters parameters = ModelFiles.read(weights);
    Optional<Provenance> provenance = ModelFiles.readProvenance(weights);
    SettingsFactory.requireMemory(
        () ->
            MemoryEstimate.forSlicing(
                settings.slice(), MlpArchitecture.of(parameters.architecture())));
    OutputFolder.prepare(settings.output().directory());
    RunId run = new RunId(name, provenance.map(Provenance::seed).orElse(0L), 0);
    CommandSetup.wired(settings, SliceOnlyPipeline.class)
        .run(
            run,
            weights,
            parameters,
            provenance.map(
                p -> new Standardization(p.preprocessing().mean(), p.preprocessing().std())));
    return ExitCodes.OK;
  }
}
