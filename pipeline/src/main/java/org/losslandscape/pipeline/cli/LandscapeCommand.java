package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.SliceOnlyPipeline;
import org.losslandscape.pipeline.config.MemoryEstimate;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.imports.KerasModelFile;
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
          + "this tool are evaluated with the preprocessing recorded in their model.json; a Keras "
          + ".keras/.h5 file is read with its architecture and weights and fed pixel / 255 "
          + "(--preprocessing says otherwise).",
      "",
      "Example: loss-landscape landscape --weights results/high_lr_small_batch --out sliced",
      ""
    })
public final class LandscapeCommand implements Callable<Integer> {

  @Option(
      names = "--weights",
      paramLabel = "DIR|FILE",
      required = true,
      description =
          "Folder with model.json and weights/ (written by this tool, or by hand from PyTorch),"
              + " or a Keras .keras/.h5 model file (architecture and weights).")
  Path weights;

  @Option(
      names = "--preprocessing",
      paramLabel = "auto|unit|standardize",
      description =
          "How pixels reach the model (default: ${DEFAULT-VALUE}): auto = as recorded in this"
              + " tool's model.json, pixel / 255 for a Keras file, else standardized with the"
              + " training set's mean and std; unit = pixel / 255; standardize = (pixel / 255 -"
              + " mean) / std of the training set.")
  String preprocessing = "auto";

  @Option(
      names = "--compare-bn-modes",
      description =
          "Also slice a network with batch norm along the same directions with --bn-mode frozen,"
              + " batch and recompute, and draw them side by side on one scale (bn_modes.png).")
  boolean compareBatchNorm;

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
    boolean keras =
        java.nio.file.Files.isRegularFile(weights) && KerasModelFile.isKerasFile(weights);
    Parameters parameters =
        keras
            ? KerasModelFile.read(weights)
                .toParameters(weights.getFileName().toString().replaceFirst("\\.[^.]+$", ""))
            : ModelFiles.read(weights);
    Optional<Provenance> provenance = keras ? Optional.empty() : ModelFiles.readProvenance(weights);
    SettingsFactory.requireMemory(
        () -> MemoryEstimate.forSlicing(settings.slice(), parameters.architecture()));
    OutputFolder.prepare(settings.output().directory());
    RunId run = new RunId(name, provenance.map(Provenance::seed).orElse(0L), 0);
    CommandSetup.wired(settings, SliceOnlyPipeline.class)
        .run(run, weights, parameters, preprocessing(keras, provenance), compareBatchNorm);
    return ExitCodes.OK;
  }

  /** The standardization {@code --preprocessing} asks for; empty means the training set's own. */
  private Optional<Standardization> preprocessing(boolean keras, Optional<Provenance> provenance) {
    Optional<Standardization> unit = Optional.of(new Standardization(0, 1));
    return switch (preprocessing.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "auto" ->
          keras
              ? unit
              : provenance.map(
                  p -> new Standardization(p.preprocessing().mean(), p.preprocessing().std()));
      case "unit" -> unit;
      case "standardize" -> Optional.empty();
      default ->
          throw new UsageException(
              "--preprocessing takes auto, unit or standardize; got '" + preprocessing + "'");
    };
  }
}
