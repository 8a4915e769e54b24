package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.pipeline.config.DefaultConfigs;
import org.losslandscape.pipeline.config.StudyOptions;

/**
 * Turns parsed command-line options into validated {@link StudyOptions}; every impossible value
 * becomes an {@link IllegalArgumentException} whose message is the one line the user sees.
 */
final class StudyOptionsFactory {

  private StudyOptionsFactory() {}

  /** Runs an options builder, turning its validation errors into usage errors (exit code 2). */
  static StudyOptions validated(java.util.function.Supplier<StudyOptions> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static StudyOptions build(CommonOptions common, TrainingOptions training, SliceOptions slice) {
    DeviceRequest.parse(common.device); // validates early
    if (common.requireGpu && common.device.equalsIgnoreCase("cpu")) {
      throw new IllegalArgumentException("--require-gpu contradicts --device cpu");
    }
    double[] range = slice.parsedRange();
    return new StudyOptions(
        common.out,
        Optional.ofNullable(common.dataDir),
        training.cacheDir != null ? training.cacheDir : defaultCacheDir(),
        training.retrain,
        common.device,
        common.requireGpu,
        common.threads,
        DefaultConfigs.select(
            DefaultConfigs.all(
                training.lrHigh, training.lrLow, training.batchSmall, training.batchLarge),
            training.configs),
        new MlpArchitecture(784, training.hidden, 10),
        Initialization.parse(training.init),
        LearningRateSchedule.parse(training.schedule),
        training.momentum,
        budget(training),
        training.seed,
        training.seeds,
        new GridSpec(slice.gridSize, range[0], range[1]),
        Normalization.parse(slice.normalization),
        slice.includeBias,
        slice.landscapeSamples,
        slice.landscapeSplit,
        slice.directionSeed,
        slice.directionPairs,
        slice.eps,
        slice.logScale,
        !slice.noPlots);
  }

  private static TrainingBudget budget(TrainingOptions t) {
    int given =
        (t.epochs != null ? 1 : 0) + (t.steps != null ? 1 : 0) + (t.targetLoss != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException("give only one of --epochs, --steps and --target-loss");
    }
    if (t.steps != null) {
      return new TrainingBudget.Steps(t.steps);
    }
    if (t.targetLoss != null) {
      return new TrainingBudget.TargetLoss(t.targetLoss, t.maxSteps);
    }
    return new TrainingBudget.Epochs(t.epochs != null ? t.epochs : 10);
  }

  private static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "loss-landscape", "models");
  }
}
