package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.ModelToTrain;
import org.losslandscape.models.training.StackPlan;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingLanes;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DeviceSettings;
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
 * training.csv}. A diverged run is kept, marked, and skipped by the later stages.
 *
 * <p>Runs that need training are trained together: grouped into stacks of models that share a graph
 * ({@link StackPlan}: same network, batch size, budget and optimizer kind), the stacks trained on
 * concurrent lanes ({@link TrainingLanes}). A stack's models are written (and cached) the moment
 * the stack ends, so a later failure never loses a trained model. The stack a model trained in does
 * not change its weights, so a cached model is reused however it was trained.
 */
public final class TrainStage {

  private static final Logger LOG = LogManager.getLogger(TrainStage.class);

  private final TrainingSettings settings;
  private final TrajectorySettings trajectory;
  private final CacheSettings cacheSettings;
  private final OutputSettings output;
  private final DeviceSettings device;
  private final ExecutionSettings execution;
  private final TrainingLanes lanes;
  private final WeightsCache cache;
  private final ProvenanceRecorder provenance;
  private final Progress progress;

  /** Runs trained ahead of {@link #run} by {@link #trainTogether}, by cache key. */
  private final Map<String, Run> trainedAhead = new LinkedHashMap<>();

  @Inject
  public TrainStage(
      TrainingSettings settings,
      TrajectorySettings trajectory,
      CacheSettings cacheSettings,
      OutputSettings output,
      DeviceSettings device,
      ExecutionSettings execution,
      TrainingLanes lanes,
      WeightsCache cache,
      ProvenanceRecorder provenance,
      Progress progress) {
    this.settings = settings;
    this.trajectory = trajectory;
    this.cacheSettings = cacheSettings;
    this.output = output;
    this.device = device;
    this.execution = execution;
    this.lanes = lanes;
    this.cache = cache;
    this.provenance = provenance;
    this.progress = progress;
  }

  /** Trains (or loads) every run of the study, returned in study order. */
  public List<TrainedModel> run(PreparedData data) {
    return run(settings.runs(), data);
  }

  /**
   * Trains (or loads) {@code runs}, in stacks where they can share one; returned in the order
   * given. A sweep task trains its share of a sweep's runs this way.
   */
  public List<TrainedModel> run(List<RunId> runs, PreparedData data) {
    warnAboutBatchesLargerThanTheData(data.train().count());
    List<Run> planned = runs.stream().map(run -> plan(run, data)).toList();
    List<Run> toTrain = planned.stream().filter(r -> r.result == null).toList();
    if (!toTrain.isEmpty()) {
      train(toTrain, java.util.Collections.nCopies(toTrain.size(), this), data);
    }
    List<TrainedModel> models = new ArrayList<>();
    Map<Network, MlpEvaluator> evaluators = new LinkedHashMap<>();
    try {
      for (Run r : planned) {
        if (r.fromCache) {
          write(r, data);
        }
        // Keyed by the trained network: one with batch norm carries its own statistics, which
        // its evaluation graph holds, so each such model gets its own evaluator.
        MlpEvaluator evaluator =
            evaluators.computeIfAbsent(
                r.result.parameters().architecture(), a -> new MlpEvaluator(a, execution));
        models.add(evaluate(r, data, evaluator));
      }
    } finally {
      evaluators.values().forEach(MlpEvaluator::close);
    }
    return models;
  }

  /** What one run needs before training: its config, initial weights, cache key, cached result. */
  private static final class Run {
    final RunId id;
    final Recipe recipe;
    final TrainingConfig config;
    final Parameters initial;
    final String key;
    final int effectiveBatch;
    TrainingResult result;
    boolean fromCache;

    Run(
        RunId id,
        Recipe recipe,
        TrainingConfig config,
        Parameters initial,
        String key,
        int effectiveBatch) {
      this.id = id;
      this.recipe = recipe;
      this.config = config;
      this.initial = initial;
      this.key = key;
      this.effectiveBatch = effectiveBatch;
    }
  }

  /**
   * Trains the runs of several studies, the protocols of one command, in one plan on the first
   * stage's lanes: the stacks of every protocol share the lanes, so a protocol whose models train
   * long (a low learning rate to a target loss) no longer leaves a lane idle at the end of its own
   * training stage. Each model is written and cached by its own study's stage as its stack ends,
   * and that stage's {@link #run} then returns it as if it had trained it.
   */
  public static void trainTogether(List<TrainStage> stages, PreparedData data) {
    List<Run> toTrain = new ArrayList<>();
    List<TrainStage> owners = new ArrayList<>();
    for (TrainStage stage : stages) {
      for (RunId id : stage.settings.runs()) {
        Run r = stage.plan(id, data);
        if (r.result == null) {
          toTrain.add(r);
          owners.add(stage);
        }
      }
    }
    if (toTrain.isEmpty()) {
      return;
    }
    stages.get(0).train(toTrain, owners, data);
    for (int k = 0; k < toTrain.size(); k++) {
      owners.get(k).trainedAhead.put(toTrain.get(k).key, toTrain.get(k));
    }
  }

  private Run plan(RunId id, PreparedData data) {
    Recipe recipe = settings.recipe(id);
    TrainingConfig config = settings.configFor(id);
    if (trajectory.enabled() && id.primary()) {
      // Only the first seed's trajectory is drawn, so only its run keeps checkpoints.
      config = config.withCheckpoints(trajectory.checkpoints());
    }
    int effectiveBatch = Math.min(recipe.batchSize(), data.train().count());
    Parameters initial = settings.initialWeights(id, data.inputShape(), data.classes());
    // The device, not the threads or the stack: the stacked trainer's weights were the same bit
    // for bit with 1 or 2 threads and in stacks of any size (StackedTrainerTest).
    String key =
        WeightsCache.key(
            data.fingerprint(),
            data.inputShape(),
            initial,
            settings.initialization().name(),
            config,
            execution.deviceSpec());
    Run ahead = trainedAhead.remove(key);
    if (ahead != null) {
      return ahead;
    }
    Run run = new Run(id, recipe, config, initial, key, effectiveBatch);
    Optional<TrainingResult> cached =
        cacheSettings.retrain() ? Optional.empty() : cache.load(key, config);
    if (cached.isPresent()) {
      run.result = cached.get();
      run.fromCache = true;
      LOG.info(
          "{}: reusing cached weights ({} steps, {}; --retrain to train again)",
          config.name(),
          run.result.steps(),
          run.result.status().label());
    }
    return run;
  }

  /**
   * Trains {@code runs} in stacks on this stage's lanes; as each stack ends, the stage that owns
   * each run ({@code owners}, index for index) caches and writes it.
   */
  private void train(List<Run> runs, List<TrainStage> owners, PreparedData data) {
    List<ModelToTrain> models =
        runs.stream().map(r -> new ModelToTrain(r.initial, r.config)).toList();
    int examples = data.train().count();
    int maxStack = device.maxStack() > 0 ? device.maxStack() : StackPlan.DEFAULT_MAX_STACK;
    int laneCount = lanes.lanes().count();
    long laneMemory = SystemMemory.availableBytes() / 2 / laneCount;
    StackPlan plan =
        StackPlan.of(
            models,
            maxStack,
            laneMemory,
            StackPlan.examplesPerStepOn(execution.device()),
            laneCount,
            examples);
    long plannedModelSteps = 0;
    for (List<Integer> stack : plan.stacks()) {
      TrainingConfig c = runs.get(stack.get(0)).config;
      plannedModelSteps += stack.size() * c.budget().plannedSteps(examples, c.batchSize());
    }
    LOG.info(
        "training {} model{} in {} stack{} on {} lane{}: {}",
        runs.size(),
        runs.size() == 1 ? "" : "s",
        plan.stacks().size(),
        plan.stacks().size() == 1 ? "" : "s",
        laneCount,
        laneCount == 1 ? "" : "s",
        describe(plan, models));
    try (TrainingProgress shown =
        new TrainingProgress(
            progress, plannedModelSteps, runs.size(), plan.stacks().size(), laneCount)) {
      lanes.train(
          models,
          plan,
          data.train(),
          stack -> {
            LOG.info(
                "stack of {} ({}): training {}",
                stack.size(),
                stack.get(0).stackKey().describe(),
                String.join(", ", stack.stream().map(m -> m.config().name()).toList()));
            return shown.forStack(stack.size());
          },
          (indices, results) -> {
            for (int k = 0; k < indices.size(); k++) {
              Run r = runs.get(indices.get(k));
              TrainStage owner = owners.get(indices.get(k));
              r.result = results.get(k);
              if (r.result.status() != TrainingStatus.DIVERGED) {
                owner.cache.store(
                    r.key,
                    r.result,
                    owner.provenance.of(r.id, r.recipe, r.effectiveBatch, r.result, data));
              }
              owner.write(r, data);
            }
          });
    }
  }

  /** {@code 6 models (batch 32, sgd, 10 epochs), 6 models (batch 1024, sgd, 10 epochs)}. */
  private static String describe(StackPlan plan, List<ModelToTrain> models) {
    List<String> parts = new ArrayList<>();
    for (List<Integer> stack : plan.stacks()) {
      parts.add(stack.size() + " (" + models.get(stack.get(0)).stackKey().describe() + ")");
    }
    return String.join(", ", parts);
  }

  /** Writes the run's weights, {@code model.json}, {@code training.csv} and checkpoints. */
  private void write(Run r, PreparedData data) {
    Path dir = output.directory().resolve(r.id.folder());
    ModelFiles.write(
        dir,
        r.result.parameters(),
        provenance.of(r.id, r.recipe, r.effectiveBatch, r.result, data));
    AtomicFiles.write(
        dir.resolve("training.csv"), trainingCsv(r.result).getBytes(StandardCharsets.UTF_8));
    if (!r.result.checkpoints().isEmpty()) {
      CheckpointFiles.write(
          dir.resolve("checkpoints"), r.result.checkpoints(), r.config.checkpoints());
    }
  }

  private TrainedModel evaluate(Run r, PreparedData data, MlpEvaluator evaluator) {
    TrainingResult result = r.result;
    String label = r.config.name();
    if (result.status() == TrainingStatus.DIVERGED) {
      LOG.warn("{}: DIVERGED after {} steps: {}", label, result.steps(), result.message());
      return new TrainedModel(r.id, r.recipe, result, null, null, r.fromCache, r.effectiveBatch);
    }
    // The training loss and accuracy on what the model trained on: its subset, if it has one.
    int examples = r.config.trainExamples();
    Metrics train =
        evaluator.evaluate(
            result.parameters(), examples > 0 ? data.train().subset(examples) : data.train());
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
    return new TrainedModel(r.id, r.recipe, result, train, test, r.fromCache, r.effectiveBatch);
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
