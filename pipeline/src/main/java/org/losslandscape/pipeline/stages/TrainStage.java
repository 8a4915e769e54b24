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
import org.losslandscape.models.training.TrainingListener;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.RunConfig;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.results.WeightsCache;

/**
 * Trains every configuration (or reuses its cached weights), evaluates it on the full training and
 * test sets, and writes its weights, {@code model.json} and {@code training.csv} at once, so a
 * later failure never loses a trained model. A diverged configuration is kept, marked, and skipped
 * by the later stages.
 */
public final class TrainStage {

  private static final Logger LOG = LogManager.getLogger(TrainStage.class);

  private final StudyOptions options;
  private final ExecutionSettings execution;
  private final SgdTrainer trainer;
  private final WeightsCache cache;

  @Inject
  public TrainStage(
      StudyOptions options, ExecutionSettings execution, SgdTrainer trainer, WeightsCache cache) {
    this.options = options;
    this.execution = execution;
    this.trainer = trainer;
    this.cache = cache;
  }

  public List<TrainedModel> run(PreparedData data) {
    List<TrainedModel> models = new ArrayList<>();
    try (MlpEvaluator evaluator = new MlpEvaluator(options.architecture(), execution)) {
      for (RunConfig run : options.configs()) {
        for (int k = 0; k < options.seeds(); k++) {
          long seed = options.seed() + k;
          String folder = k == 0 ? run.name() : run.name() + "/seed-" + seed;
          models.add(trainOne(run, seed, folder, data, evaluator));
        }
      }
    }
    return models;
  }

  private TrainedModel trainOne(
      RunConfig run, long seed, String folder, PreparedData data, MlpEvaluator evaluator) {
    String label = options.seeds() > 1 ? run.name() + " seed " + seed : run.name();
    TrainingConfig config =
        new TrainingConfig(
            label,
            run.learningRate(),
            run.batchSize(),
            options.momentum(),
            options.schedule(),
            options.budget(),
            seed,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
    Parameters initial = options.initialization().initialize(options.architecture(), seed);
    String key =
        WeightsCache.key(
            data.fingerprint(),
            initial,
            options.initialization().name(),
            config,
            execution.deviceSpec()
                + "/threads="
                + execution.intraOpThreads()
                + ","
                + execution.interOpThreads());

    Optional<TrainingResult> cached =
        options.retrain() ? Optional.empty() : cache.load(key, config);
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
          run.learningRate(),
          run.batchSize(),
          options.budget().describe());
      result = trainer.train(initial, data.train(), config, new ProgressLog());
      if (result.status() != TrainingStatus.DIVERGED) {
        cache.store(key, result);
      }
    }

    Path dir = options.outputDir().resolve(folder);
    ModelFiles.write(dir, result.parameters());
    AtomicFiles.write(
        dir.resolve("training.csv"), trainingCsv(result).getBytes(StandardCharsets.UTF_8));
    if (result.status() == TrainingStatus.DIVERGED) {
      LOG.warn("{}: DIVERGED after {} steps: {}", label, result.steps(), result.message());
      return new TrainedModel(run, seed, folder, result, null, null, cached.isPresent());
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
    return new TrainedModel(run, seed, folder, result, train, test, cached.isPresent());
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

  /** Logs training progress at most every few seconds, and every epoch. */
  private static final class ProgressLog implements TrainingListener {
    private long lastLog = System.nanoTime();

    @Override
    public void onProgress(
        TrainingConfig config, long step, long plannedSteps, double minibatchLoss) {
      long now = System.nanoTime();
      if (now - lastLog > 5_000_000_000L) {
        lastLog = now;
        LOG.info(
            "{}: step {}/{} ({}%), minibatch loss {}",
            config.name(), step, plannedSteps, 100 * step / plannedSteps, f4(minibatchLoss));
      }
    }

    @Override
    public void onEpoch(TrainingConfig config, EpochRecord record) {
      LOG.info(
          "{}: epoch {} step {}: train loss {} acc {}",
          config.name(),
          String.format(Locale.ROOT, "%.2f", record.epoch()),
          record.step(),
          f4(record.loss()),
          f4(record.accuracy()));
    }
  }
}
