package org.losslandscape.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.StepTiming;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;

/**
 * Times training steps side by side in one process: one step per {@code Session.run} (the old path)
 * against the default chains of several steps per run, at batch 32 and 1024, and SAM and ASAM (two
 * gradient passes per step) against SGD. Repeats are interleaved across the cases, so a change in
 * machine load hits all of them alike.
 */
public final class TrainingStepBenchmark {

  private static final Logger LOG = LogManager.getLogger(TrainingStepBenchmark.class);

  private TrainingStepBenchmark() {}

  /**
   * One configuration to time.
   *
   * @param optimizer SGD, SAM or ASAM
   * @param batchSize examples per step
   * @param stepsPerRun steps per {@code Session.run}
   */
  public record Case(Optimizer optimizer, int batchSize, int stepsPerRun) {

    /** The optimizer's short name. */
    public String optimizerName() {
      return optimizer.kind().name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A timed case.
   *
   * @param benchCase what was timed
   * @param timings one per repeat
   */
  public record Row(Case benchCase, List<StepTiming> timings) {

    /** Milliseconds per step over the repeats. */
    public Timing millisPerStep() {
      return new Timing(timings.stream().map(StepTiming::millisPerStep).toList());
    }
  }

  /** The cases the bench times by default. */
  public static List<Case> defaultCases() {
    int chained = SgdTrainer.DEFAULT_STEPS_PER_RUN;
    return List.of(
        new Case(Optimizer.sgd(), 32, 1),
        new Case(Optimizer.sgd(), 32, chained),
        new Case(Optimizer.sgd(), 1024, 1),
        new Case(Optimizer.sgd(), 1024, chained),
        new Case(Optimizer.sam(Optimizer.DEFAULT_SAM_RHO), 32, chained),
        new Case(
            Optimizer.asam(Optimizer.DEFAULT_ASAM_RHO, Optimizer.DEFAULT_ASAM_ETA), 32, chained));
  }

  /** Times every case {@code repeats} times, interleaved. */
  public static List<Row> time(
      ExecutionSettings execution,
      Parameters initial,
      LabeledData train,
      List<Case> cases,
      long seed,
      int repeats) {
    List<List<StepTiming>> timings = new ArrayList<>();
    cases.forEach(c -> timings.add(new ArrayList<>()));
    for (int repeat = 1; repeat <= repeats; repeat++) {
      for (int k = 0; k < cases.size(); k++) {
        Case c = cases.get(k);
        // Enough steps that the timed part lasts about a second at either batch size.
        int steps = c.batchSize() <= 64 ? 2048 : 256;
        TrainingConfig config =
            new TrainingConfig(
                    "bench",
                    0.1,
                    c.batchSize(),
                    0,
                    LearningRateSchedule.constant(),
                    new TrainingBudget.Steps(steps),
                    seed,
                    TrainingConfig.DEFAULT_DIVERGENCE_LIMIT)
                .withOptimizer(c.optimizer());
        StepTiming t =
            new SgdTrainer(execution, c.stepsPerRun())
                .timeSteps(initial, train, config, 4 * c.stepsPerRun() + 16, steps);
        LOG.info(
            "repeat {}/{}: {} batch {}, {} step(s) per run: {} ms/step",
            repeat,
            repeats,
            c.optimizerName(),
            c.batchSize(),
            c.stepsPerRun(),
            String.format(Locale.ROOT, "%.3f", t.millisPerStep()));
        timings.get(k).add(t);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < cases.size(); k++) {
      rows.add(new Row(cases.get(k), timings.get(k)));
    }
    return rows;
  }
}
