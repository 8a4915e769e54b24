package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.InterpolationSettings;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.MemoryEstimate;
import org.losslandscape.pipeline.config.NetworkChoice;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.ProgressMode;
import org.losslandscape.pipeline.config.Protocol;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RecipePair;
import org.losslandscape.pipeline.config.Recipes;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.SweepBackend;
import org.losslandscape.pipeline.config.SweepGrid;
import org.losslandscape.pipeline.config.SweepSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.config.TrajectorySettings;
import org.losslandscape.pipeline.measures.Measures;

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
      SliceOptions slice,
      TrajectoryOptions trajectory,
      InterpolationOptions interpolation) {
    return validated(
        () ->
            new StudySettings(
                data(common),
                device(common),
                output(output),
                cache(cache),
                training(training),
                slice(slice),
                measures(slice),
                trajectory(trajectory),
                interpolation(interpolation)));
  }

  /**
   * The settings of a command that runs one part of a study on its own (landscape, interpolate,
   * bench): data and device from the common options, nothing trained, no trajectory. An option
   * group the command does not have is null, and its settings are the defaults.
   *
   * @param range the interpolation range of a command that interpolates, else null
   */
  static StudySettings standalone(
      CommonOptions common,
      OutputOptions output,
      CacheOptions cache,
      SliceOptions slice,
      InterpolationRangeOptions range) {
    return validated(
        () ->
            new StudySettings(
                data(common),
                device(common),
                output == null ? OutputSettings.defaults() : output(output),
                cache == null ? CacheSettings.defaults() : cache(cache),
                TrainingSettings.defaults(),
                slice == null ? SliceSettings.defaults() : slice(slice),
                slice == null ? MeasureSettings.defaults() : measures(slice),
                TrajectorySettings.defaults(),
                range == null
                    ? InterpolationSettings.defaults()
                    : new InterpolationSettings(true, range.parsed(), List.of())));
  }

  /** Refuses, as a usage error, a run whose estimated memory does not fit this JVM's heap. */
  static void requireMemory(Supplier<MemoryEstimate> estimate) {
    validated(
        () -> {
          estimate.get().requireFits(Runtime.getRuntime().maxMemory());
          return estimate;
        });
  }

  static TrajectorySettings trajectory(TrajectoryOptions t) {
    if (t.checkpoints != null && t.checkpoints == 0 && t.trajectory) {
      throw new UsageException("--checkpoints 0 turns the trajectory off; drop it or --trajectory");
    }
    if (t.checkpoints != null) {
      return TrajectorySettings.on(t.checkpoints);
    }
    return t.trajectory
        ? TrajectorySettings.on(TrajectorySettings.DEFAULT_CHECKPOINTS)
        : TrajectorySettings.defaults();
  }

  static InterpolationSettings interpolation(InterpolationOptions i) {
    return new InterpolationSettings(
        i.enabled(), i.range.parsed(), i.pairs.stream().map(RecipePair::parse).toList());
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
                slice(slice),
                measures(slice)));
  }

  /** The sweep's grid and backend: Spark when {@code spark}, else the embedded executor. */
  static SweepSettings sweep(SweepOptions sweep, boolean spark) {
    return validated(
        () ->
            new SweepSettings(
                new SweepGrid(
                    sweep.learningRates,
                    sweep.batchSizes,
                    sweep.widths,
                    sweep.depths,
                    sweep.weightDecays,
                    sweep.dropouts,
                    sweep.momenta,
                    sweep.optimizers,
                    sweep.trainSizes),
                spark
                    ? new SweepBackend.Spark(Optional.ofNullable(sweep.master))
                    : new SweepBackend.Embedded(sweep.parallel)));
  }

  /**
   * The data set the options name: {@code --data-npy}'s arrays, {@code --data-dir}'s folder, or
   * Fashion-MNIST.
   */
  static DataSettings data(CommonOptions common) {
    ArrayLayout layout = ArrayLayout.parse(common.dataLayout);
    if (common.dataNpy != null) {
      if (common.dataDir != null) {
        throw new UsageException(
            "--data-dir and --data-npy both name a data set: give only one of them");
      }
      List<Path> files =
          java.util.Arrays.stream(common.dataNpy.split(",", -1)).map(Path::of).toList();
      return new DataSettings(DataSettings.Source.NpyArrays.of(files, layout));
    }
    if (layout != ArrayLayout.NHWC) {
      throw new UsageException(
          "--data-layout applies to --data-npy arrays only (IDX files are channels-last)");
    }
    return common.dataDir == null ? DataSettings.defaults() : DataSettings.idx(common.dataDir);
  }

  static DeviceSettings device(CommonOptions common) {
    return new DeviceSettings(
        DeviceRequest.parse(common.device),
        common.requireGpu,
        common.threads,
        common.stepsPerRun,
        common.lanes,
        common.maxStack);
  }

  static OutputSettings output(OutputOptions output) {
    return new OutputSettings(
        output.out, !output.noPlots, output.logScale, ProgressMode.parse(output.progress));
  }

  static CacheSettings cache(CacheOptions cache) {
    return new CacheSettings(cache.cacheDir, cache.retrain);
  }

  static TrainingSettings training(TrainingOptions t) {
    List<Recipe> plain = Recipes.grid(t.lrHigh, t.lrLow, t.batchSmall, t.batchLarge);
    return training(t, Recipes.select(Recipes.catalog(plain, sam(t), asam(t)), plain, t.configs));
  }

  /** The training settings of {@code t} for {@code recipes} (a sweep's grid, or the study's). */
  static TrainingSettings training(TrainingOptions t, List<Recipe> recipes) {
    String choice = t.optimizer.strip().toLowerCase(java.util.Locale.ROOT);
    Optimizer optimizer =
        switch (choice) {
          case "sgd", "momentum" -> Optimizer.sgd();
          case "sam" -> sam(t);
          case "asam" -> asam(t);
          default -> Optimizer.parse(choice); // refuses the name in one line
        };
    double momentum = choice.equals("momentum") && t.momentum == 0 ? 0.9 : t.momentum;
    // The network is built for the data's input shape and classes once they are read
    // (TrainingSettings.architectureOf).
    NetworkChoice network = network(t);
    return new TrainingSettings(
        withSkips(recipes, t),
        network,
        Initialization.parse(t.init),
        LearningRateSchedule.parse(t.schedule),
        optimizer,
        momentum,
        budget(t),
        t.seed,
        t.seeds);
  }

  /** The network of {@code --model}, {@code --model-file} and their parameters. */
  static NetworkChoice network(TrainingOptions t) {
    if (t.modelFile != null) {
      if (!t.model.equals("mlp")) {
        throw new IllegalArgumentException("give --model or --model-file, not both");
      }
      if (org.losslandscape.pipeline.imports.KerasModelFile.isKerasFile(t.modelFile)) {
        var imported = org.losslandscape.pipeline.imports.KerasModelFile.read(t.modelFile);
        return new NetworkChoice.FromFile(
            t.modelFile.getFileName().toString().replaceFirst("\\.[^.]+$", ""),
            imported.spec(),
            t.modelFile.toString());
      }
      var named = org.losslandscape.pipeline.io.NetworkSpecJson.read(t.modelFile);
      return new NetworkChoice.FromFile(named.name(), named.spec(), t.modelFile.toString());
    }
    if (t.model.strip().equalsIgnoreCase("mlp")) {
      return new NetworkChoice.Mlp(t.hidden);
    }
    NetworkChoice.BuiltInName name =
        NetworkChoice.BuiltInName.parse(t.model)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown --model '" + t.model + "' (use mlp, lenet, vgg or resnet)"));
    List<Boolean> skips = skips(t);
    if (skips.size() > 1 && name != NetworkChoice.BuiltInName.RESNET) {
      throw new IllegalArgumentException("--skip applies to --model resnet only");
    }
    NetworkChoice.BuiltIn choice = new NetworkChoice.BuiltIn(name, t.depth, t.width, skips.get(0));
    // Build once on Fashion-MNIST's shape so that a depth or width the family cannot have is
    // refused with the options, before any data are read.
    choice.build(org.losslandscape.models.network.InputShape.fashionMnist(), 10);
    return choice;
  }

  /** {@code --skip}: yes, no, or both. */
  private static List<Boolean> skips(TrainingOptions t) {
    List<Boolean> out = new ArrayList<>();
    for (String part : t.skip.split(",")) {
      switch (part.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "yes" -> out.add(true);
        case "no" -> out.add(false);
        default ->
            throw new IllegalArgumentException(
                "--skip takes yes, no or yes,no; got '" + t.skip + "'");
      }
    }
    return out.stream().distinct().toList();
  }

  /** With {@code --skip yes,no}, every recipe twice: with its skips and without. */
  private static List<Recipe> withSkips(List<Recipe> recipes, TrainingOptions t) {
    List<Boolean> skips = skips(t);
    if (skips.size() < 2) {
      return recipes;
    }
    List<Recipe> out = new ArrayList<>();
    for (Recipe r : recipes) {
      for (boolean on : skips) {
        out.add(
            new Recipe(
                r.name() + (on ? "_skip" : "_noskip"),
                r.learningRate(),
                r.batchSize(),
                r.optimizer(),
                r.schedule(),
                r.variation().withSkip(on)));
      }
    }
    return out;
  }

  private static Optimizer sam(TrainingOptions t) {
    return Optimizer.sam(t.rho != null ? t.rho : Optimizer.DEFAULT_SAM_RHO);
  }

  private static Optimizer asam(TrainingOptions t) {
    return Optimizer.asam(t.rho != null ? t.rho : Optimizer.DEFAULT_ASAM_RHO, t.asamEta);
  }

  static SliceSettings slice(SliceOptions s) {
    double[] range = s.parsedRange();
    BiasRule biasRule = biasRule(s);
    return new SliceSettings(
        new GridSpec(s.gridSize, range[0], range[1]),
        Normalization.parse(s.normalization),
        biasRule,
        s.landscapeSamples,
        DataSplit.parse(s.landscapeSplit),
        s.directionSeed,
        s.directionPairs,
        s.eps,
        s.parsedSlicedSeeds(),
        s.batchNormMode(),
        s.batchNormRule == null ? biasRule : bnRule(s.batchNormRule));
  }

  private static BiasRule bnRule(String text) {
    try {
      return BiasRule.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--bn-rule: " + e.getMessage());
    }
  }

  /** {@code --include-bias} is the older spelling of {@code --bias-rule gaussian}. */
  private static BiasRule biasRule(SliceOptions s) {
    BiasRule rule = BiasRule.parse(s.biasRule);
    if (!s.includeBias) {
      return rule;
    }
    if (rule == BiasRule.LI) {
      throw new UsageException("--include-bias means --bias-rule gaussian; give only one of them");
    }
    return BiasRule.GAUSSIAN;
  }

  static MeasureSettings measures(SliceOptions s) {
    MeasureSettings m = MeasureSettings.defaults().withSelected(Measures.parse(s.measures));
    if (s.mSharpness > 0 && !m.includes(Measures.WORST_CASE.name())) {
      throw new UsageException(
          "--m-sharpness adds to the worst-case measures: give --measures worst-case (or all) too");
    }
    return m.withMSharpness(s.mSharpness);
  }

  /**
   * The protocols of {@code --protocols}, each with its budget flag or the default; empty if none.
   */
  static List<Protocol> protocols(TrainingOptions t) {
    if (t.protocols.isEmpty()) {
      return List.of();
    }
    return validated(
        () ->
            Protocol.parse(
                t.protocols,
                t.epochs != null
                    ? new TrainingBudget.Epochs(t.epochs)
                    : (TrainingBudget.Epochs) TrainingSettings.defaults().budget(),
                new TrainingBudget.Steps(t.steps != null ? t.steps : Protocol.DEFAULT_STEPS),
                new TrainingBudget.TargetLoss(
                    t.targetLoss != null ? t.targetLoss : Protocol.DEFAULT_TARGET_LOSS,
                    t.maxSteps)));
  }

  private static TrainingBudget budget(TrainingOptions t) {
    if (!t.protocols.isEmpty()) {
      // Each protocol has its own budget; this one only validates the shared settings.
      return TrainingSettings.defaults().budget();
    }
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
