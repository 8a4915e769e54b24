package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.config.TrajectorySettings;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.progress.Progress;
import org.losslandscape.pipeline.results.CheckpointFiles;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.results.WeightsCache;

/**
 * Trains every run the settings call for (or reuses its cached weights), evaluates it on the full
 * training and test sets, and writes its weights, {@code model.json} (with provenance) and {@code
 * training.csv} at once, so a later failure never loses a trained model. A diverged run is kept,
 * marked, and skipped by the later stages.
 */
public final class TrainStage {

  private static final Logger LOG = LogManager.getLogger(TrainStage.class);

  private final TrainingSettings settings;
  private final TrajectorySettings trajectory;
  private final CacheSettings cacheSettings;
  private final OutputSettings output;
  private final ExecutionSettings execution;
  private final SgdTrainer trainer;
  private final WeightsCache cache;
  private final ProvenanceRecorder provenance;
  private final Progress progress;

  @Inject
  public TrainStage(
      TrainingSettings settings,
      TrajectorySettings trajectory,
      CacheSettings cacheSettings,
      OutputSettings output,
      ExecutionSettings execution,
      SgdTrainer trainer,
      WeightsCache cache,
      ProvenanceRecorder provenance,
      Progress progress) {
    this.settings = settings;
    this.trajectory = trajectory;
    this.cacheSettings = cacheSettings;
    this.output = output;
    this.execution = execution;
    this.trainer = trainer;
    this.cache = cache;
    this.provenance = provenance;
    this.progress = progress;
  }

  /** Trains (or loads) every run, recipe by recipe, seed by seed. */
  public List<TrainedModel> run(PreparedData data) {
    warnAboutBatchesLargerThanTheData(data.train().count());
    List<TrainedModel> models = new ArrayList<>();
    try (MlpEvaluator evaluator = new MlpEvaluator(settings.architecture(), execution)) {
      for (RunId run : settings.runs()) {
        models.add(trainOne(run, data, evaluator));
      }
    }
    return models;
  }

  /**
   * Trains (or loads) the single run {@code run}: one task of a sweep, which spreads a study's runs
   * over several threads or machines.
   */
  public TrainedModel run(RunId run, PreparedData data) {
    try (MlpEvaluator evaluator = new MlpEvaluator(settings.architecture(), execution)) {
      return trainOne(run, data, evaluator);
    }
  }

  private void warnAboutBatchesLargerThanTheData(int examples) {
    for (Recipe recipe : settings.recipes()) {
      if (recipe.batchSize() > examples) {
        LOG.warn(
            "{}: batch size {} is larger than the {} training examples: every step uses all of"
                + " them (full-batch gradient descent); summary.json records the effective batch"
                + " size",
            recipe.name(),
            recipe.batchSize(),
            examples);
      }
    }
  }

  private TrainedModel trainOne(RunId run, PreparedData data, MlpEvaluator evaluator) {
    Recipe recipe = settings.recipe(run);
    TrainingConfig config = settings.configFor(run);
    if (trajectory.enabled() && run.primary()) {
      // Only the first seed's trajectory is drawn, so only its run keeps checkpoints.
      config = config.withCheckpoints(trajectory.checkpoints());
    }
    String label = config.name();
    int effectiveBatch = Math.min(recipe.batchSize(), data.train().count());
    Parameters initial = settings.initialization().initialize(settings.architecture(), run.seed());
    String key =
        WeightsCache.key(
            data.fingerprint(),
            initial,
            settings.initialization().name(),
            config,
            execution.deviceSpec()
                + "/threads="
                + execution.intraOpThreads()
                + ","
                + execution.interOpThreads());

    Optional<TrainingResult> cached =
        cacheSettings.retrain() ? Optional.empty() : cache.load(key, config);
    TrainingResult result;
    if (cached.isPresent()) {
      result = cached.get();
      LOG.info(
          "{}: reusing cached weights ({} steps, {}; --retrain to train again)",
          label,
          result.steps(),
          result.status().label());
    } else {
      LOG.info(
          "{}: training lr={} batch={} for {}",
          label,
          recipe.learningRate(),
          effectiveBatch,
          settings.budget().describe());
      long planned = config.budget().plannedSteps(data.train().count(), config.batchSize());
      try (TrainingProgress listener = new TrainingProgress(progress, label, planned)) {
        result = trainer.train(initial, data.train(), config, listener);
      }
      if (result.status() != TrainingStatus.DIVERGED) {
        cache.store(key, result, provenance.of(run, recipe, effectiveBatch, result, data));
      }
    }

    Path dir = output.directory().resolve(run.folder());
    ModelFiles.write(
        dir, result.parameters(), provenance.of(run, recipe, effectiveBatch, result, data));
    AtomicFiles.write(
        dir.resolve("training.csv"), trainingCsv(result).getBytes(StandardCharsets.UTF_8));
    if (!result.checkpoints().isEmpty()) {
      CheckpointFiles.write(dir.resolve("checkpoints"), result.checkpoints(), config.checkpoints());
    }
    if (result.status() == TrainingStatus.DIVERGED) {
      LOG.warn("{}: DIVERGED after {} steps: {}", label, result.steps(), result.message());
      return new TrainedModel(run, recipe, result, null, null, cached.isPresent(), effectiveBatch);
    }
    Metrics train = evaluator.evaluate(result.parameters(), data.train());
    Metrics test = evaluator.evaluate(result.parameters(), data.test());
    LOG.info(
        "{}: {} steps ({} epochs) in {}; train loss {} acc {}, test loss {} acc {}{}",
        label,
        result.steps(),
        String.format(Locale.ROOT, "%.2f", result.epochs()),
        StageTimer.formatSeconds(result.seconds()),
        f4(train.loss()),
        f4(train.accuracy()),
        f4(test.loss()),
        f4(test.accuracy()),
        result.status() == TrainingStatus.TARGET_NOT_REACHED ? " (" + result.message() + ")" : "");
    return new TrainedModel(run, recipe, result, train, test, cached.isPresent(), effectiveBatch);
  }

  static String trainingCsv(TrainingResult result) {
    StringBuilder csv = new StringBuilder("epoch,step,loss,accuracy\n");
    for (EpochRecord r : result.curve()) {
      csv.append(
          String.format(
              Locale.ROOT, "%.4f,%d,%.6f,%.6f%n", r.epoch(), r.step(), r.loss(), r.accuracy()));
    }
    return csv.toString();
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
