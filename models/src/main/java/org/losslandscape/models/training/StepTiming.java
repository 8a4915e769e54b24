package org.losslandscape.models.training;

/**
 * How long training steps took, measured by {@link SgdTrainer#timeSteps}.
 *
 * @param batchSize examples per step
 * @param stepsPerRun training steps done by each {@code Session.run} (1 = one run per step)
 * @param steps steps timed (after the untimed warm-up)
 * @param seconds wall-clock time of those steps
 */
public record StepTiming(int batchSize, int stepsPerRun, long steps, double seconds) {

  public StepTiming {
    if (steps < 1 || stepsPerRun < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException(
          "need >= 1 step, >= 1 step per run and a positive time, got "
              + steps
              + " steps, "
              + stepsPerRun
              + " per run, in "
              + seconds
              + " s");
    }
  }

  /** Steps per second. */
  public double stepsPerSecond() {
    return steps / seconds;
  }

  /** Milliseconds per step. */
  public double millisPerStep() {
    return 1000 * seconds / steps;
  }

  /** Training examples processed per second. */
  public double examplesPerSecond() {
    return stepsPerSecond() * batchSize;
  }
}
