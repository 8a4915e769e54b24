package org.losslandscape.models.training;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * Minibatch training of the MLP (SGD, SAM or ASAM, optionally with heavy-ball momentum) as one
 * TensorFlow graph.
 *
 * <p>The whole training set lives in a graph variable and each step feeds only the minibatch's
 * indices: a step at batch 32 is almost all fixed overhead, so copying the batch from Java each
 * time would cost more than the arithmetic. Gradients are taken with respect to the model's own
 * variables only, never the data variable.
 *
 * <p>With one step per run ({@code stepsPerRun} 1) every step is its own {@code Session.run} on a
 * graph fed minibatches of any size: the reference path, kept as the baseline that the chained path
 * is tested and timed against. With more, full minibatches run in chains of up to {@code
 * stepsPerRun} steps per run, unrolled in the graph with a fixed minibatch size ({@link
 * StepChain}), fed a block of minibatches and one learning rate per step. A chain never crosses an
 * epoch end (the training set is evaluated there and the epoch's last minibatch may be short), a
 * checkpoint or the end of the budget; the few steps left before such a boundary, and a short last
 * minibatch, run one per run on the reference step.
 *
 * <p>Deterministic: the same initial parameters, data, config and thread settings give the same
 * weights, because shuffles are drawn in Java from the config's seed; and the number of steps per
 * run does not change them, bit for bit, for runs that do not diverge. Divergence and progress are
 * noticed once per run, so a diverged run stops at the end of the run that contained the first loss
 * over the limit (see {@link TrainingResult#parameters()}).
 *
 * <p>The graph is built by {@link SgdGraph}; the loop that drives it is {@link SgdLoop}.
 */
public final class SgdTrainer {

  /**
   * Steps per {@code Session.run} unless told otherwise. Measured on this 2-core machine
   * (results/README.md, "Training: several steps per run, measured"): at batch 32 chains of 4 to 16
   * steps all took about 0.7 of the reference step's time, while every step of chain length costs
   * about 0.05-0.1 s more graph building and optimization per training run. At batch 1024 the
   * arithmetic dominates and chains neither help nor hurt.
   */
  public static final int DEFAULT_STEPS_PER_RUN = 8;

  private final ExecutionSettings settings;
  private final int stepsPerRun;

  /** A trainer doing {@link #DEFAULT_STEPS_PER_RUN} steps per {@code Session.run}. */
  public SgdTrainer(ExecutionSettings settings) {
    this(settings, DEFAULT_STEPS_PER_RUN);
  }

  /**
   * A trainer doing up to {@code stepsPerRun} steps per {@code Session.run} (1 = one run per step,
   * the slowest and the simplest graph).
   */
  public SgdTrainer(ExecutionSettings settings, int stepsPerRun) {
    if (stepsPerRun < 1) {
      throw new IllegalArgumentException("steps per run must be >= 1, got " + stepsPerRun);
    }
    this.settings = settings;
    this.stepsPerRun = stepsPerRun;
  }

  /** The most training steps one {@code Session.run} does. */
  public int stepsPerRun() {
    return stepsPerRun;
  }

  /**
   * Trains from {@code initial} on {@code train} under {@code config}.
   *
   * @throws IllegalArgumentException for dropout or a training subset, which only {@link
   *     StackedTrainer} implements
   */
  public TrainingResult train(
      Parameters initial, LabeledData train, TrainingConfig config, TrainingListener listener) {
    requireSupported(config);
    long started = System.nanoTime();
    long planned = config.budget().plannedSteps(train.count(), config.batchSize());
    try (SgdGraph g = new SgdGraph(settings, stepsPerRun, initial, train, config, planned)) {
      return new SgdLoop(g, train, config).run(listener, started);
    }
  }

  /**
   * Times the training step alone, on the same graph and step code as {@link #train}: builds the
   * graph and loads the data (untimed), runs at least {@code warmupSteps} untimed steps (the first
   * runs pay for graph optimization and kernel selection), then times at least {@code timedSteps}
   * steps on shuffled full minibatches of {@code config.batchSize()}, in runs of this trainer's
   * steps per run (fewer when an epoch holds fewer full minibatches), so whole runs are timed. The
   * config's budget and schedule are ignored: every step uses the base learning rate. No epoch
   * evaluation is included. Time a trainer with one step per run next to one with more to compare
   * the reference and the chained paths.
   */
  public StepTiming timeSteps(
      Parameters initial,
      LabeledData train,
      TrainingConfig config,
      int warmupSteps,
      int timedSteps) {
    requireSupported(config);
    if (warmupSteps < 0 || timedSteps < 1 || config.batchSize() > train.count()) {
      throw new IllegalArgumentException(
          "need warm-up >= 0, timed steps >= 1 and batch <= examples, got "
              + warmupSteps
              + ", "
              + timedSteps
              + ", "
              + config.batchSize()
              + " of "
              + train.count());
    }
    try (SgdGraph g =
        new SgdGraph(
            settings, stepsPerRun, initial, train, config, (long) warmupSteps + timedSteps)) {
      return new SgdLoop(g, train, config).timeSteps(warmupSteps, timedSteps);
    }
  }

  private static void requireSupported(TrainingConfig config) {
    if (config.dropout() > 0 || config.trainExamples() > 0) {
      throw new IllegalArgumentException(
          config.name()
              + ": the single-model reference trainer has no dropout and no training subset;"
              + " the stacked trainer has both");
    }
  }
}
