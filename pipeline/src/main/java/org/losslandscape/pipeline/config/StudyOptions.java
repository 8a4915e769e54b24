package org.losslandscape.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;

/**
 * Every setting of one study, validated: what the command line said, with defaults filled in. Built
 * by the CLI, bound once in the Guice module, read by every stage.
 *
 * @param outputDir where results go
 * @param dataDir an explicit Fashion-MNIST folder, if given
 * @param cacheDir where trained weights are cached between runs
 * @param retrain ignore cached weights
 * @param device requested device: auto, cpu or cuda
 * @param requireGpu fail (exit 3) instead of falling back to the CPU
 * @param threads TensorFlow intra-op threads (0 = one per core)
 * @param configs the hyperparameter configurations to train, in order (empty when only slicing
 *     given weights)
 * @param architecture the MLP
 * @param initialization weight initialization
 * @param schedule learning-rate schedule
 * @param momentum SGD momentum
 * @param budget training budget
 * @param seed training seed of the first run of each config
 * @param seeds training runs per config, with seeds seed, seed+1, ...
 * @param grid landscape grid
 * @param normalization direction normalization
 * @param includeBias perturb biases too
 * @param landscapeSamples examples per landscape point
 * @param landscapeSplit {@code train} or {@code test}
 * @param directionSeed seed of the first direction pair
 * @param directionPairs direction pairs per config (sharpness error bars)
 * @param epsilons sharpness radii
 * @param logScale log colour scale in the figures
 * @param plots draw figures
 */
public record StudyOptions(
    Path outputDir,
    Optional<Path> dataDir,
    Path cacheDir,
    boolean retrain,
    String device,
    boolean requireGpu,
    int threads,
    List<RunConfig> configs,
    MlpArchitecture architecture,
    Initialization initialization,
    LearningRateSchedule schedule,
    double momentum,
    TrainingBudget budget,
    long seed,
    int seeds,
    GridSpec grid,
    Normalization normalization,
    boolean includeBias,
    int landscapeSamples,
    String landscapeSplit,
    long directionSeed,
    int directionPairs,
    List<Double> epsilons,
    boolean logScale,
    boolean plots) {

  public StudyOptions {
    configs = List.copyOf(configs);
    epsilons = List.copyOf(epsilons);
    if (landscapeSamples < 1) {
      throw new IllegalArgumentException(
          "--landscape-samples must be >= 1, got " + landscapeSamples);
    }
    if (!landscapeSplit.equals("train") && !landscapeSplit.equals("test")) {
      throw new IllegalArgumentException(
          "--landscape-split must be train or test, got " + landscapeSplit);
    }
    if (schedule.kind() == LearningRateSchedule.Kind.WARMUP_COSINE
        && budget instanceof TrainingBudget.TargetLoss) {
      throw new IllegalArgumentException(
          org.losslandscape.models.training.TrainingConfig.WARMUP_COSINE_NEEDS_AN_END);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    if (directionPairs < 1) {
      throw new IllegalArgumentException("--direction-pairs must be >= 1, got " + directionPairs);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
    }
    for (double eps : epsilons) {
      if (!(eps > 0)) {
        throw new IllegalArgumentException("--eps values must be positive, got " + eps);
      }
    }
  }

  /**
   * The same options for a different architecture (slicing weights that were trained elsewhere).
   */
  public StudyOptions withArchitecture(MlpArchitecture other) {
    return new StudyOptions(
        outputDir,
        dataDir,
        cacheDir,
        retrain,
        device,
        requireGpu,
        threads,
        List.of(),
        other,
        initialization,
        schedule,
        momentum,
        budget,
        seed,
        1,
        grid,
        normalization,
        includeBias,
        landscapeSamples,
        landscapeSplit,
        directionSeed,
        directionPairs,
        epsilons,
        logScale,
        plots);
  }
}
