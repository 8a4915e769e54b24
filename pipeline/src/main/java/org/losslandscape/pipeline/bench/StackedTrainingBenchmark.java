package org.losslandscape.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.ModelToTrain;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.StackedTrainer;
import org.losslandscape.models.training.StepTiming;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;

/**
 * Times stacked training against one model trained alone, side by side in one process: for each
 * batch size, one model on the single-model path ({@link SgdTrainer}, its default steps per run)
 * and stacks of M models ({@link StackedTrainer}), all SGD at lr 0.1. Repeats are interleaved
 * across the cases. The unit of comparison is model-steps per second: a stacked step is one step of
 * every model of the stack.
 */
public final class StackedTrainingBenchmark {

  private static final Logger LOG = LogManager.getLogger(StackedTrainingBenchmark.class);

  private StackedTrainingBenchmark() {}

  /**
   * One configuration to time.
   *
   * @param batchSize examples per step and model
   * @param models models trained, or 0 for one model alone on the single-model path
   * @param lanes lanes the models are split across (1 for one model alone)
   */
  public record Case(int batchSize, int models, int lanes) {

    /** True for the single-model path, the baseline of its batch size. */
    public boolean alone() {
      return models == 0;
    }

    /** Models trained per step: 1 alone, else the stack's size. */
    public int modelsPerStep() {
      return alone() ? 1 : models;
    }

    /** Stacks the models are split into: one per lane, as many as there are models at most. */
    public int stacks() {
      return alone() ? 1 : Math.min(lanes, models);
    }

    /** How the table names the case. */
    public String label() {
      if (alone()) {
        return "1 alone (single-model path)";
      }
      int stacks = stacks();
      return models
          + (stacks == 1 ? " in 1 stack" : " in " + stacks + " stacks on " + stacks + " lanes");
    }
  }

  /**
   * A timed case.
   *
   * @param benchCase what was timed
   * @param timings one per repeat; steps are stacked steps
   */
  public record Row(Case benchCase, List<StepTiming> timings) {

    /** Milliseconds per (stacked) step over the repeats. */
    public Timing millisPerStep() {
      return new Timing(timings.stream().map(StepTiming::millisPerStep).toList());
    }

    /** Model-steps per second at the median step time. */
    public double modelStepsPerSecond() {
      return 1000.0 * benchCase.modelsPerStep() / millisPerStep().median();
    }
  }

  /**
   * One model alone and each number of models on the run's lanes, at batch 32 and 1024; with more
   * than one lane, the largest number also on one lane, to show what the lanes add.
   */
  public static List<Case> cases(List<Integer> modelCounts, int lanes) {
    List<Case> out = new ArrayList<>();
    for (int batch : new int[] {32, 1024}) {
      out.add(new Case(batch, 0, 1));
      modelCounts.forEach(m -> out.add(new Case(batch, m, lanes)));
      if (lanes > 1 && !modelCounts.isEmpty()) {
        int largest = modelCounts.stream().max(Integer::compare).orElseThrow();
        if (largest > 1) {
          out.add(new Case(batch, largest, 1));
        }
      }
    }
    return out;
  }

  /** Times every case {@code repeats} times, interleaved. */
  public static List<Row> time(
      ExecutionSettings execution,
      MlpArchitecture net,
      LabeledData train,
      List<Case> cases,
      long seed,
      int repeats) {
    List<List<StepTiming>> timings = new ArrayList<>();
    cases.forEach(c -> timings.add(new ArrayList<>()));
    for (int repeat = 1; repeat <= repeats; repeat++) {
      for (int k = 0; k < cases.size(); k++) {
        Case c = cases.get(k);
        // About a second of timed work per case at either batch size and any stack size.
        int steps = Math.max(32, (c.batchSize() <= 64 ? 2048 : 256) / c.modelsPerStep());
        int warmup = 4 * SgdTrainer.DEFAULT_STEPS_PER_RUN + 16;
        StepTiming t;
        if (c.alone()) {
          t =
              new SgdTrainer(execution)
                  .timeSteps(
                      Initialization.HE.initialize(net, seed),
                      train,
                      config(c.batchSize(), seed),
                      warmup,
                      steps);
        } else {
          t = timeStacks(execution, net, train, c, seed, warmup, steps);
        }
        LOG.info(
            "repeat {}/{}: batch {}, {}: {} ms/step",
            repeat,
            repeats,
            c.batchSize(),
            c.label(),
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

  /**
   * Times {@code c.models()} models split into {@code c.stacks()} stacks, one per lane, their timed
   * steps overlapping: one timing whose "steps" are stacked steps of the whole set, so that the
   * case's model-steps per second is the sum over the lanes.
   */
  private static StepTiming timeStacks(
      ExecutionSettings execution,
      MlpArchitecture net,
      LabeledData train,
      Case c,
      long seed,
      int warmup,
      int steps) {
    int stacks = c.stacks();
    List<List<ModelToTrain>> parts = new ArrayList<>();
    for (int k = 0; k < stacks; k++) {
      parts.add(new ArrayList<>());
    }
    for (int m = 0; m < c.models(); m++) {
      parts
          .get(m % stacks)
          .add(
              new ModelToTrain(
                  Initialization.HE.initialize(net, seed + m), config(c.batchSize(), seed + m)));
    }
    CyclicBarrier warmedUp = new CyclicBarrier(stacks);
    List<StepTiming> perLane =
        new Lanes(stacks)
            .map(
                parts,
                stack ->
                    new StackedTrainer(execution)
                        .timeSteps(stack, train, warmup, steps, () -> await(warmedUp)));
    // Model-steps per second of all lanes together, expressed as one timing of the whole set.
    double modelStepsPerSecond = 0;
    for (int k = 0; k < stacks; k++) {
      modelStepsPerSecond += parts.get(k).size() * perLane.get(k).stepsPerSecond();
    }
    StepTiming first = perLane.get(0);
    double seconds = (double) first.steps() * c.models() / modelStepsPerSecond;
    return new StepTiming(first.batchSize(), first.stepsPerRun(), first.steps(), seconds);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (BrokenBarrierException e) {
      throw new IllegalStateException("a lane failed while the others waited", e);
    }
  }

  private static TrainingConfig config(int batch, long seed) {
    return new TrainingConfig(
        "bench",
        0.1,
        batch,
        0,
        LearningRateSchedule.constant(),
        new TrainingBudget.Steps(1_000_000),
        seed,
        TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
  }
}
