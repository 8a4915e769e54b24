package org.losslandscape.models.training;

/**
 * Everything that decides how one model is trained, besides the data and the architecture, and what
 * the run keeps besides its final weights.
 *
 * @param name the configuration's name, e.g. {@code high_lr_small_batch}
 * @param learningRate base SGD step size
 * @param batchSize examples per minibatch
 * @param momentum heavy-ball momentum (0 = none), applied to the optimizer's gradient
 * @param weightDecay L2 weight decay lambda (0 = none): lambda w is added to the gradient of every
 *     parameter, kernels and biases, before momentum (PyTorch's {@code SGD(weight_decay=...)})
 * @param schedule learning-rate schedule over the planned steps
 * @param budget when to stop
 * @param seed seeds the initial weights and the per-epoch shuffles
 * @param divergenceLimit a minibatch or epoch loss above this (or NaN/Inf) marks the run diverged
 * @param optimizer plain SGD, SAM or ASAM
 * @param checkpoints how many evenly spaced weight snapshots to keep, the initial and the final
 *     weights included (0 = none)
 * @param dropout the rate at which every hidden unit is dropped while training (inverted dropout:
 *     kept units are scaled by 1 / (1 - rate)); 0 = none
 * @param trainExamples how many examples of the training set to train on, a fixed subset the same
 *     for every seed ({@link org.losslandscape.models.data.LabeledData#subset}); 0 = all
 */
public record TrainingConfig(
    String name,
    double learningRate,
    int batchSize,
    double momentum,
    double weightDecay,
    LearningRateSchedule schedule,
    TrainingBudget budget,
    long seed,
    double divergenceLimit,
    Optimizer optimizer,
    int checkpoints,
    double dropout,
    int trainExamples) {

  /**
   * Default divergence limit: 40 nats is far above chance (ln 10 = 2.3) and below float overflow.
   */
  public static final double DEFAULT_DIVERGENCE_LIMIT = 40.0;

  /** Cosine decay is defined over a known number of steps; a target loss has none. */
  public static final String WARMUP_COSINE_NEEDS_AN_END =
      "the warmup-cosine schedule needs a fixed budget (epochs or steps), not a target loss";

  /**
   * A configuration with the default optimizer (plain SGD), no weight decay, that keeps no
   * checkpoints.
   */
  public TrainingConfig(
      String name,
      double learningRate,
      int batchSize,
      double momentum,
      LearningRateSchedule schedule,
      TrainingBudget budget,
      long seed,
      double divergenceLimit) {
    this(
        name,
        learningRate,
        batchSize,
        momentum,
        0,
        schedule,
        budget,
        seed,
        divergenceLimit,
        Optimizer.sgd(),
        0,
        0,
        0);
  }

  /** A configuration without dropout that trains on the whole training set. */
  public TrainingConfig(
      String name,
      double learningRate,
      int batchSize,
      double momentum,
      double weightDecay,
      LearningRateSchedule schedule,
      TrainingBudget budget,
      long seed,
      double divergenceLimit,
      Optimizer optimizer,
      int checkpoints) {
    this(
        name,
        learningRate,
        batchSize,
        momentum,
        weightDecay,
        schedule,
        budget,
        seed,
        divergenceLimit,
        optimizer,
        checkpoints,
        0,
        0);
  }

  public TrainingConfig {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          name + ": learning rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(name + ": batch size must be >= 1, got " + batchSize);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(name + ": momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          name + ": weight decay must be a number >= 0, got " + weightDecay);
    }
    if (schedule.kind() == LearningRateSchedule.Kind.WARMUP_COSINE
        && budget instanceof TrainingBudget.TargetLoss) {
      throw new IllegalArgumentException(WARMUP_COSINE_NEEDS_AN_END);
    }
    if (!(divergenceLimit > 0)) {
      throw new IllegalArgumentException(
          name + ": divergence limit must be positive, got " + divergenceLimit);
    }
    if (optimizer == null) {
      throw new IllegalArgumentException(name + ": choose an optimizer (SGD, SAM or ASAM)");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(name + ": dropout must be in [0, 1), got " + dropout);
    }
    if (trainExamples < 0) {
      throw new IllegalArgumentException(
          name + ": the training-set size must be >= 0 (0 = all), got " + trainExamples);
    }
    if (checkpoints != 0 && checkpoints < 2) {
      throw new IllegalArgumentException(
          name
              + ": checkpoints must be 0 (none) or at least 2 (the initial and the final weights),"
              + " got "
              + checkpoints);
    }
  }

  /** This configuration trained with {@code newOptimizer} instead. */
  public TrainingConfig withOptimizer(Optimizer newOptimizer) {
    return new TrainingConfig(
        name,
        learningRate,
        batchSize,
        momentum,
        weightDecay,
        schedule,
        budget,
        seed,
        divergenceLimit,
        newOptimizer,
        checkpoints,
        dropout,
        trainExamples);
  }

  /** This configuration keeping {@code count} checkpoints (0 = none). */
  public TrainingConfig withCheckpoints(int count) {
    return new TrainingConfig(
        name,
        learningRate,
        batchSize,
        momentum,
        weightDecay,
        schedule,
        budget,
        seed,
        divergenceLimit,
        optimizer,
        count,
        dropout,
        trainExamples);
  }

  /** This configuration with L2 weight decay {@code lambda} (0 = none). */
  public TrainingConfig withWeightDecay(double lambda) {
    return new TrainingConfig(
        name,
        learningRate,
        batchSize,
        momentum,
        lambda,
        schedule,
        budget,
        seed,
        divergenceLimit,
        optimizer,
        checkpoints,
        dropout,
        trainExamples);
  }

  /** This configuration with dropout {@code rate} after every hidden layer while training. */
  public TrainingConfig withDropout(double rate) {
    return new TrainingConfig(
        name,
        learningRate,
        batchSize,
        momentum,
        weightDecay,
        schedule,
        budget,
        seed,
        divergenceLimit,
        optimizer,
        checkpoints,
        rate,
        trainExamples);
  }

  /** This configuration training on the fixed subset of {@code examples} (0 = all). */
  public TrainingConfig withTrainExamples(int examples) {
    return new TrainingConfig(
        name,
        learningRate,
        batchSize,
        momentum,
        weightDecay,
        schedule,
        budget,
        seed,
        divergenceLimit,
        optimizer,
        checkpoints,
        dropout,
        examples);
  }

  /** This configuration with momentum {@code value}. */
  public TrainingConfig withMomentum(double value) {
    return new TrainingConfig(
        name,
        learningRate,
        batchSize,
        value,
        weightDecay,
        schedule,
        budget,
        seed,
        divergenceLimit,
        optimizer,
        checkpoints,
        dropout,
        trainExamples);
  }
}
