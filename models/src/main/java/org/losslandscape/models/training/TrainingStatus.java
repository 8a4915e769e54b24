package org.losslandscape.models.training;

/** How a training run ended. */
public enum TrainingStatus {
  /** The budget was used up (or the target loss reached) with finite losses. */
  COMPLETED,
  /** The target loss was not reached within the step cap. */
  TARGET_NOT_REACHED,
  /** The loss became NaN, infinite or exceeded the divergence limit; training stopped there. */
  DIVERGED;

  /** The lower-case name written to result files. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
