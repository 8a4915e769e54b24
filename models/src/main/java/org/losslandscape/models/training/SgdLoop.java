package org.losslandscape.models.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Parameters;

/**
 * The training loop of one {@link SgdTrainer} run: epochs of shuffled minibatches, which chain of
 * steps runs next (a chain never crosses an epoch end, a checkpoint or the end of the budget), the
 * learning-rate schedule, divergence, progress, checkpoints and the epoch curve, and the timing
 * loop. The arithmetic is {@link SgdGraph}'s.
 */
final class SgdLoop {

  /** How often (in steps) the listener hears about progress, at the next run boundary. */
  private static final int PROGRESS_EVERY = 250;

  private final SgdGraph graph;
  private final LabeledData train;
  private final TrainingConfig config;

  /** The loop over {@code graph}, which was built for {@code train} and {@code config}. */
  SgdLoop(SgdGraph graph, LabeledData train, TrainingConfig config) {
    this.graph = graph;
    this.train = train;
    this.config = config;
  }

  /** Trains until the budget ends or the run diverges; {@code started} is when the run began. */
  TrainingResult run(TrainingListener listener, long started) {
    TrainingBudget budget = config.budget();
    int n = train.count();
    int batch = config.batchSize();
    long perEpoch = TrainingBudget.stepsPerEpoch(n, batch);
    int fullBatches = n / batch;
    long planned = budget.plannedSteps(n, batch);
    long[] checkpointSteps = CheckpointPlan.steps(config.checkpoints(), planned);
    List<Checkpoint> checkpoints = new ArrayList<>();
    int nextCheckpoint = 0;
    if (checkpointSteps.length > 0) {
      checkpoints.add(new Checkpoint(0, graph.readParameters()));
      nextCheckpoint = 1;
    }
    EpochOrder shuffles = new EpochOrder(config.seed(), n);
    List<EpochRecord> curve = new ArrayList<>();
    long steps = 0;
    TrainingStatus status = null;
    String message = "";

    while (status == null) {
      int[] order = shuffles.next();
      int b = 0; // minibatches of this epoch done
      while (b < perEpoch && steps < planned) {
        long boundary =
            nextCheckpoint < checkpointSteps.length
                ? Math.min(planned, checkpointSteps[nextCheckpoint])
                : planned;
        boolean blockFits =
            graph.block() != null
                && b + graph.block().length() <= fullBatches
                && steps + graph.block().length() <= boundary;
        StepChain chain = blockFits ? graph.block() : graph.single();
        int from = b * batch;
        float[] losses =
            graph.runChain(
                chain, order, from, Math.min(batch, n - from), rates(chain, steps, planned));
        steps += chain.length();
        b += chain.length();

        int diverged = firstOverLimit(losses);
        if (diverged >= 0) {
          status = TrainingStatus.DIVERGED;
          message =
              String.format(
                  "minibatch loss %s at step %d (limit %.1f): learning rate %s is too high for"
                      + " this setup",
                  losses[diverged],
                  steps - chain.length() + diverged + 1,
                  config.divergenceLimit(),
                  config.learningRate());
          break;
        }
        if (steps / PROGRESS_EVERY != (steps - chain.length()) / PROGRESS_EVERY) {
          listener.onProgress(config, steps, planned, losses[losses.length - 1]);
        }
        if (nextCheckpoint < checkpointSteps.length && steps == checkpointSteps[nextCheckpoint]) {
          checkpoints.add(new Checkpoint(steps, graph.readParameters()));
          nextCheckpoint++;
        }
      }
      if (status != null) {
        break;
      }
      double epochs = (double) steps / perEpoch;
      EpochRecord record = graph.evaluate(epochs, steps);
      curve.add(record);
      listener.onEpoch(config, record);
      if (!(record.loss() <= config.divergenceLimit())) {
        status = TrainingStatus.DIVERGED;
        message = "training loss " + record.loss() + " after epoch " + curve.size();
      } else if (budget instanceof TrainingBudget.TargetLoss target
          && record.loss() <= target.loss()) {
        status = TrainingStatus.COMPLETED;
      } else if (steps >= planned) {
        if (budget instanceof TrainingBudget.TargetLoss target) {
          status = TrainingStatus.TARGET_NOT_REACHED;
          message =
              String.format(
                  "training loss %.4f > target %s after the cap of %d steps",
                  record.loss(), target.loss(), planned);
        } else {
          status = TrainingStatus.COMPLETED;
        }
      }
    }
    Parameters last = graph.readParameters();
    if (checkpointSteps.length > 0) {
      // The final weights close the trajectory, also when the run stopped early; a checkpoint
      // already kept at this very step is the same weights, so it gives way to them.
      if (checkpoints.get(checkpoints.size() - 1).step() == steps) {
        checkpoints.remove(checkpoints.size() - 1);
      }
      checkpoints.add(new Checkpoint(steps, last));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new TrainingResult(
        config,
        last,
        status,
        steps,
        (double) steps / perEpoch,
        curve,
        seconds,
        message,
        checkpoints);
  }

  /** The scheduled learning rates of the {@code chain.length()} steps from {@code firstStep}. */
  private float[] rates(StepChain chain, long firstStep, long planned) {
    float[] rates = new float[chain.length()];
    for (int k = 0; k < rates.length; k++) {
      rates[k] = (float) config.schedule().rate(config.learningRate(), firstStep + k, planned);
    }
    return rates;
  }

  /** The index of the first loss over the divergence limit (or NaN), else -1. */
  private int firstOverLimit(float[] losses) {
    for (int k = 0; k < losses.length; k++) {
      if (!(losses[k] <= config.divergenceLimit())) { // also catches NaN
        return k;
      }
    }
    return -1;
  }

  /**
   * Times whole runs of the longest chain, after untimed warm-up runs (see {@link
   * SgdTrainer#timeSteps}).
   */
  StepTiming timeSteps(int warmupSteps, int timedSteps) {
    int n = train.count();
    int batch = config.batchSize();
    StepChain timed = graph.block() != null ? graph.block() : graph.single();
    int length = timed.length();
    int warmupRuns = Math.floorDiv(warmupSteps + length - 1, length);
    int timedRuns = Math.floorDiv(timedSteps + length - 1, length);
    float[] rates = new float[length];
    Arrays.fill(rates, (float) config.learningRate());
    EpochOrder shuffles = new EpochOrder(config.seed(), n);
    int[] order = null;
    int from = n;
    long started = 0;
    for (int r = 0; r < warmupRuns + timedRuns; r++) {
      if (r == warmupRuns) {
        started = System.nanoTime();
      }
      // Full blocks of full minibatches only, so every timed run does the same work.
      if (from + length * batch > n) {
        order = shuffles.next();
        from = 0;
      }
      graph.runChain(timed, order, from, batch, rates);
      from += length * batch;
    }
    return new StepTiming(
        batch, length, (long) timedRuns * length, (System.nanoTime() - started) / 1e9);
  }
}
