package org.losslandscape.pipeline.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.TrainingSettings;

/**
 * A study's settings in plain, Java-serializable values (strings, numbers, enums, immutable lists),
 * so that a sweep can ship them to the machines that run its tasks. {@link #of} and {@link
 * #toStudySettings} convert both ways without loss; paths travel as strings and must name the same
 * (shared) folders on every machine.
 *
 * <p>Extension point: a new training or slice setting (an optimizer axis, say) is added here as a
 * component, in {@link #of} and in {@link #toStudySettings}; the round-trip test catches a setting
 * that is forgotten.
 */
public record PortableSettings(
    String dataDirectory,
    DeviceRequest device,
    boolean requireGpu,
    int threads,
    String outputDirectory,
    boolean plots,
    boolean logScale,
    String cacheDirectory,
    boolean retrain,
    List<PortableRecipe> recipes,
    int inputSize,
    List<Integer> hidden,
    int classes,
    Initialization initialization,
    LearningRateSchedule.Kind schedule,
    double warmupFraction,
    double momentum,
    PortableBudget budget,
    long firstSeed,
    int seeds,
    int gridSize,
    double gridMin,
    double gridMax,
    Normalization normalization,
    boolean includeBias,
    int samples,
    DataSplit split,
    long directionSeed,
    int directionPairs,
    List<Double> radii)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public PortableSettings {
    recipes = List.copyOf(recipes);
    hidden = List.copyOf(hidden);
    radii = List.copyOf(radii);
  }

  /**
   * A recipe in plain values.
   *
   * @param name its name
   * @param learningRate its learning rate
   * @param batchSize its batch size
   */
  public record PortableRecipe(String name, double learningRate, int batchSize)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    Recipe toRecipe() {
      return new Recipe(name, learningRate, batchSize);
    }
  }

  /** The kinds of training budget. */
  public enum BudgetKind {
    EPOCHS,
    STEPS,
    TARGET_LOSS
  }

  /**
   * A training budget in plain values; the fields a kind does not use are 0.
   *
   * @param kind epochs, steps or a target loss
   * @param count the epochs or steps, or the step cap of a target loss
   * @param targetLoss the target training loss
   */
  public record PortableBudget(BudgetKind kind, long count, double targetLoss)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    static PortableBudget of(TrainingBudget budget) {
      if (budget instanceof TrainingBudget.Epochs e) {
        return new PortableBudget(BudgetKind.EPOCHS, e.epochs(), 0);
      }
      if (budget instanceof TrainingBudget.Steps s) {
        return new PortableBudget(BudgetKind.STEPS, s.steps(), 0);
      }
      TrainingBudget.TargetLoss t = (TrainingBudget.TargetLoss) budget;
      return new PortableBudget(BudgetKind.TARGET_LOSS, t.maxSteps(), t.loss());
    }

    TrainingBudget toBudget() {
      return switch (kind) {
        case EPOCHS -> new TrainingBudget.Epochs(Math.toIntExact(count));
        case STEPS -> new TrainingBudget.Steps(count);
        case TARGET_LOSS -> new TrainingBudget.TargetLoss(targetLoss, count);
      };
    }
  }

  /** {@code settings} in plain values. */
  public static PortableSettings of(StudySettings settings) {
    TrainingSettings t = settings.training();
    SliceSettings s = settings.slice();
    List<PortableRecipe> recipes = new ArrayList<>();
    for (Recipe r : t.recipes()) {
      recipes.add(new PortableRecipe(r.name(), r.learningRate(), r.batchSize()));
    }
    return new PortableSettings(
        settings.data().directory().map(Path::toString).orElse(null),
        settings.device().request(),
        settings.device().requireGpu(),
        settings.device().threads(),
        settings.output().directory().toString(),
        settings.output().plots(),
        settings.output().logScale(),
        settings.cache().directory().toString(),
        settings.cache().retrain(),
        recipes,
        t.architecture().inputSize(),
        t.architecture().hidden(),
        t.architecture().classes(),
        t.initialization(),
        t.schedule().kind(),
        t.schedule().warmupFraction(),
        t.momentum(),
        PortableBudget.of(t.budget()),
        t.firstSeed(),
        t.seeds(),
        s.grid().size(),
        s.grid().min(),
        s.grid().max(),
        s.normalization(),
        s.includeBias(),
        s.samples(),
        s.split(),
        s.directionSeed(),
        s.directionPairs(),
        s.radii());
  }

  /** The settings these values stand for (validated again, as on the machine that made them). */
  public StudySettings toStudySettings() {
    return new StudySettings(
        new DataSettings(Optional.ofNullable(dataDirectory).map(Path::of)),
        new DeviceSettings(device, requireGpu, threads),
        new OutputSettings(Path.of(outputDirectory), plots, logScale),
        new CacheSettings(Path.of(cacheDirectory), retrain),
        new TrainingSettings(
            recipes.stream().map(PortableRecipe::toRecipe).toList(),
            new MlpArchitecture(inputSize, hidden, classes),
            initialization,
            new LearningRateSchedule(schedule, warmupFraction),
            momentum,
            budget.toBudget(),
            firstSeed,
            seeds),
        new SliceSettings(
            new GridSpec(gridSize, gridMin, gridMax),
            normalization,
            includeBias,
            samples,
            split,
            directionSeed,
            directionPairs,
            radii));
  }

  /** These settings with {@code threadsPerTask} TensorFlow intra-op threads. */
  public PortableSettings withThreads(int threadsPerTask) {
    return new PortableSettings(
        dataDirectory,
        device,
        requireGpu,
        threadsPerTask,
        outputDirectory,
        plots,
        logScale,
        cacheDirectory,
        retrain,
        recipes,
        inputSize,
        hidden,
        classes,
        initialization,
        schedule,
        warmupFraction,
        momentum,
        budget,
        firstSeed,
        seeds,
        gridSize,
        gridMin,
        gridMax,
        normalization,
        includeBias,
        samples,
        split,
        directionSeed,
        directionPairs,
        radii);
  }

  /**
   * Everything that decides a task's numbers, as text: the settings less where results go, whether
   * figures are drawn and whether caches are ignored. Two runs with equal texts compute equal
   * numbers for the same task.
   */
  String numericIdentity() {
    return String.join(
        "|",
        String.valueOf(dataDirectory),
        device.name(),
        Integer.toString(threads),
        recipes.toString(),
        Integer.toString(inputSize),
        hidden.toString(),
        Integer.toString(classes),
        initialization.name(),
        schedule.name(),
        Double.toString(warmupFraction),
        Double.toString(momentum),
        budget.toString(),
        Long.toString(firstSeed),
        Integer.toString(seeds),
        Integer.toString(gridSize),
        Double.toString(gridMin),
        Double.toString(gridMax),
        normalization.name(),
        Boolean.toString(includeBias),
        Integer.toString(samples),
        split.name(),
        Long.toString(directionSeed),
        Integer.toString(directionPairs),
        radii.toString());
  }
}
