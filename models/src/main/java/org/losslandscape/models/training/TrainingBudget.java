package org.losslandscape.models.training;

/**
 * How long to train. Comparisons of flatness are only fair at a stated budget: equal epochs give
 * large batches far fewer steps, equal steps give them far more data (results/README.md, "Results",
 * shows both).
 */
public sealed interface TrainingBudget {

  /** Stop after {@code epochs} passes over the training set. */
  record Epochs(int epochs) implements TrainingBudget {
    public Epochs {
      if (epochs < 1) {
        throw new IllegalArgumentException("the number of epochs must be >= 1, got " + epochs);
      }
    }

    @Override
    public String describe() {
      return epochs + " epochs";
    }

    @Override
    public String kind() {
      return "epochs";
    }

    @Override
    public long plannedSteps(int examples, int batchSize) {
      return TrainingBudget.stepsPerEpoch(examples, batchSize) * epochs;
    }
  }

  /** Stop after {@code steps} minibatch updates. */
  record Steps(long steps) implements TrainingBudget {
    public Steps {
      if (steps < 1) {
        throw new IllegalArgumentException("the number of steps must be >= 1, got " + steps);
      }
    }

    @Override
    public String describe() {
      return steps + " steps";
    }

    @Override
    public String kind() {
      return "steps";
    }

    @Override
    public long plannedSteps(int examples, int batchSize) {
      return steps;
    }
  }

  /**
   * Stop as soon as the full training loss is at most {@code loss}, or after {@code maxSteps}
   * updates, whichever comes first. The loss is checked every {@link #checkEvery()} steps and at
   * every epoch's end, so a run stops within that many steps of reaching it.
   */
  record TargetLoss(double loss, long maxSteps) implements TrainingBudget {
    public TargetLoss {
      if (!(loss > 0) || Double.isInfinite(loss)) {
        throw new IllegalArgumentException(
            "the target loss must be a positive number, got " + loss);
      }
      if (maxSteps < 1) {
        throw new IllegalArgumentException("the step cap must be >= 1, got " + maxSteps);
      }
    }

    @Override
    public String describe() {
      return "train loss <= " + loss + " (at most " + maxSteps + " steps)";
    }

    /**
     * Steps between checks of the target by the stacked trainer: 1% of the cap, at most 200. (The
     * earlier check at epoch ends only let the reference run's fastest recipe stop at 0.2815
     * against a target of 0.3; the single-model reference trainer still checks only there.)
     */
    public long checkEvery() {
      return Math.max(1, Math.min(200, maxSteps / 100));
    }

    @Override
    public String kind() {
      return "target-loss";
    }

    @Override
    public long plannedSteps(int examples, int batchSize) {
      return maxSteps;
    }
  }

  /** A short human-readable description, e.g. {@code 10 epochs}. */
  String describe();

  /**
   * The kind of budget as written in result files: {@code epochs}, {@code steps} or {@code
   * target-loss}.
   */
  String kind();

  /** The planned number of steps for a data set of {@code examples} (the cap for a target loss). */
  long plannedSteps(int examples, int batchSize);

  /** Minibatch updates in one pass over {@code examples} (the last batch may be short). */
  static long stepsPerEpoch(int examples, int batchSize) {
    return (examples + batchSize - 1) / batchSize;
  }
}
