package org.losslandscape.pipeline.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.Recipes;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.SweepBackend;
import org.losslandscape.pipeline.config.SweepGrid;
import org.losslandscape.pipeline.config.SweepSettings;
import org.losslandscape.pipeline.config.TrainingSettings;

/**
 * Turns parsed command-line options into validated settings. The settings validate themselves in
 * domain words; every {@link IllegalArgumentException} they raise becomes a {@link UsageException}
 * (exit code 2) whose one line names the flag ({@link FlagNames}).
 */
final class SettingsFactory {

  private SettingsFactory() {}

  /** Runs a settings builder, turning its validation errors into usage errors. */
  static <T> T validated(Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(FlagNames.translate(e.getMessage()));
    }
  }

  static StudySettings study(
      CommonOptions common,
      OutputOptions output,
      CacheOptions cache,
      TrainingOptions training,
      SliceOptions slice) {
    return validated(
        () ->
            new StudySettings(
                data(common),
                device(common),
                output(output),
                cache(cache),
                training(training),
                slice(slice)));
  }

  /**
   * The settings of a sweep's study: the study's options with {@code recipes} (the sweep's grid) in
   * place of the default recipes.
   */
  static StudySettings study(
      CommonOptions common,
      OutputOptions output,
      CacheOptions cache,
      TrainingOptions training,
      SliceOptions slice,
      List<Recipe> recipes) {
    return validated(
        () ->
            new StudySettings(
                data(common),
                device(common),
                output(output),
                cache(cache),
                training(training, recipes),
                slice(slice)));
  }

  /** The sweep's grid and backend: Spark when {@code spark}, else the embedded executor. */
  static SweepSettings sweep(SweepOptions sweep, boolean spark) {
    return validated(
        () ->
            new SweepSettings(
                new SweepGrid(sweep.learningRates, sweep.batchSizes),
                spark
                    ? new SweepBackend.Spark(Optional.ofNullable(sweep.master))
                    : new SweepBackend.Embedded(sweep.parallel)));
  }

  static DataSettings data(CommonOptions common) {
    return new DataSettings(Optional.ofNullable(common.dataDir));
  }

  static DeviceSettings device(CommonOptions common) {
    return new DeviceSettings(
        DeviceRequest.parse(common.device), common.requireGpu, common.threads);
  }

  static OutputSettings output(OutputOptions output) {
    return new OutputSettings(output.out, !output.noPlots, output.logScale);
  }

  static CacheSettings cache(CacheOptions cache) {
    return new CacheSettings(cache.cacheDir, cache.retrain);
  }

  static TrainingSettings training(TrainingOptions t) {
    return training(
        t, Recipes.select(Recipes.grid(t.lrHigh, t.lrLow, t.batchSmall, t.batchLarge), t.configs));
  }

  static TrainingSettings training(TrainingOptions t, List<Recipe> recipes) {
    return new TrainingSettings(
        recipes,
        new MlpArchitecture(784, t.hidden, 10),
        Initialization.parse(t.init),
        LearningRateSchedule.parse(t.schedule),
        t.momentum,
        budget(t),
        t.seed,
        t.seeds);
  }

  static SliceSettings slice(SliceOptions s) {
    double[] range = s.parsedRange();
    return new SliceSettings(
        new GridSpec(s.gridSize, range[0], range[1]),
        Normalization.parse(s.normalization),
        s.includeBias,
        s.landscapeSamples,
        DataSplit.parse(s.landscapeSplit),
        s.directionSeed,
        s.directionPairs,
        s.eps);
  }

  private static TrainingBudget budget(TrainingOptions t) {
    int given =
        (t.epochs != null ? 1 : 0) + (t.steps != null ? 1 : 0) + (t.targetLoss != null ? 1 : 0);
    if (given > 1) {
      throw new UsageException("give only one of --epochs, --steps and --target-loss");
    }
    if (t.steps != null) {
      return new TrainingBudget.Steps(t.steps);
    }
    if (t.targetLoss != null) {
      return new TrainingBudget.TargetLoss(t.targetLoss, t.maxSteps);
    }
    return t.epochs != null
        ? new TrainingBudget.Epochs(t.epochs)
        : TrainingSettings.defaults().budget();
  }
}
