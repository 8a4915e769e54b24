package org.losslandscape.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.InterpolationOnlyPipeline;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.data.Standardization;
import org.losslandscape.pipeline.io.ResultsException;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.results.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loss-landscape interpolate --from DIR --to DIR}: the loss on the straight line between two
 * saved models. Two models of different architectures are refused with exit code 2 (the request is
 * impossible; neither folder is wrong), a folder that is not a readable model with exit code 1.
 */
@Command(
    name = "interpolate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Evaluates loss and accuracy on the straight line (1 - t) theta_a + t theta_b between two"
          + " saved models of one architecture (each DIR/model.json and DIR/weights/<param>.npy,"
          + " e.g. results/<recipe>/ of an earlier run), on the full training and test sets."
          + " Writes interpolation.png, the arrays and summary.json to --out.",
      "",
      "Example: loss-landscape interpolate --from results/high_lr_small_batch"
          + " --to results/high_lr_large_batch --out lines",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything ran",
      "1:missing/corrupt data or weights, unwritable output or another failure",
      "2:impossible options, or two models of different architectures"
    })
public final class InterpolateCommand implements Callable<Integer> {

  private static final Logger LOG = LogManager.getLogger(InterpolateCommand.class);

  @Option(
      names = "--from",
      paramLabel = "DIR",
      required = true,
      description = "The model at t = 0 (a folder with model.json and weights/).")
  Path from;

  @Option(
      names = "--to",
      paramLabel = "DIR",
      required = true,
      description = "The model at t = 1 (same architecture).")
  Path to;

  @Mixin CommonOptions common = new CommonOptions();

  @Mixin OutputOptions output = new OutputOptions();

  @Mixin InterpolationRangeOptions range = new InterpolationRangeOptions();

  @Override
  public Integer call() {
    Main.configureLogging(common.verbose);
    StudySettings settings = SettingsFactory.standalone(common, output, null, null, range);
    Parameters a = readModel("--from", from);
    Parameters b = readModel("--to", to);
    // Two trained models of one architecture differ in their batch-norm statistics, if any.
    if (!a.architecture().sameArchitectureAs(b.architecture())) {
      throw new UsageException(
          "cannot interpolate between --from "
              + from
              + " ("
              + a.architecture()
              + ") and --to "
              + to
              + " ("
              + b.architecture()
              + "): the architectures differ");
    }
    String fromName = name(from, "from");
    String toName = name(to, "to");
    if (fromName.equals(toName)) {
      fromName = fromName + "_from";
      toName = toName + "_to";
    }
    OutputFolder.prepare(settings.output().directory());
    CommandSetup.wired(settings, InterpolationOnlyPipeline.class)
        .run(fromName, from, a, toName, to, b, preprocessing());
    return ExitCodes.OK;
  }

  private static Parameters readModel(String flag, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ResultsException(
          flag + " " + dir + " is not a directory (expected model.json and weights/)");
    }
    return ModelFiles.read(dir);
  }

  /** The folder's name as a file-name-safe label, or {@code fallback} for a root folder. */
  private static String name(Path dir, String fallback) {
    Path file = dir.toAbsolutePath().normalize().getFileName();
    return file == null ? fallback : file.toString().replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * The standardization the models were trained with: the first model's recorded one, else the
   * second's, else none (the training set's own is fitted).
   */
  private Optional<Standardization> preprocessing() {
    Optional<Provenance> a = ModelFiles.readProvenance(from);
    Optional<Provenance> b = ModelFiles.readProvenance(to);
    if (a.isPresent()
        && b.isPresent()
        && !a.get().preprocessing().equals(b.get().preprocessing())) {
      LOG.warn(
          "the two models were trained on differently standardized data; evaluating both with"
              + " the standardization of --from");
    }
    return a.or(() -> b)
        .map(p -> new Standardization(p.preprocessing().mean(), p.preprocessing().std()));
  }
}
