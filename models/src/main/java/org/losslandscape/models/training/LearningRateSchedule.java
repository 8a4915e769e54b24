package org.losslandscape.models.training;

/**
 * The learning rate as a function of the step.
 *
 * @param kind {@link Kind#CONSTANT} or {@link Kind#WARMUP_COSINE}
 * @param warmupFraction for warmup-cosine: the fraction of all steps spent ramping linearly from 0
 *     to the base rate, before cosine decay to 0 over the remaining steps
 */
public record LearningRateSchedule(Kind kind, double warmupFraction) {

  /** The schedule shapes offered. */
  public enum Kind {
    CONSTANT,
    WARMUP_COSINE
  }

  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(Kind.CONSTANT, 0);
  }

  public static LearningRateSchedule warmupCosine(double warmupFraction) {
    return new LearningRateSchedule(Kind.WARMUP_COSINE, warmupFraction);
  }

  /** Parses {@code constant} or {@code warmup-cosine} (warmup 5% of the steps). */
  public static LearningRateSchedule parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "constant" -> constant();
      case "warmup-cosine" -> warmupCosine(0.05);
      default ->
          throw new IllegalArgumentException(
              "unknown schedule '" + text + "' (use constant or warmup-cosine)");
    };
  }

  public LearningRateSchedule {
    if (!(warmupFraction >= 0 && warmupFraction < 1)) {
      throw new IllegalArgumentException(
          "warmup fraction must be in [0, 1), got " + warmupFraction);
    }
  }

  /**
   * The rate for 0-based {@code step} out of {@code totalSteps}. With an open-ended budget (a
   * target loss) only the constant schedule is meaningful, since cosine decay needs an end.
   */
  public double rate(double baseRate, long step, long totalSteps) {
    if (kind == Kind.CONSTANT) {
      return baseRate;
    }
    long warmup = (long) Math.floor(warmupFraction * totalSteps);
    if (step < warmup) {
      return baseRate * (step + 1) / warmup;
    }
    long decaySteps = Math.max(1, totalSteps - warmup);
    double progress = Math.min(1.0, (double) (step - warmup) / decaySteps);
    return baseRate * 0.5 * (1 + Math.cos(Math.PI * progress));
  }

  /** The name used on the command line and in result files. */
  public String label() {
    return kind == Kind.CONSTANT ? "constant" : "warmup-cosine";
  }
}
