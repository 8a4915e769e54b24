package org.losslandscape.pipeline.stages;

/**
 * What a recipe's intervals are taken over. Two recipes' intervals are compared only when they come
 * from the same source: an interval over direction pairs leaves out training noise, one over seeds
 * includes it.
 */
public enum IntervalSource {
  /** The direction pairs of one training seed (training noise not included). */
  DIRECTION_PAIRS,
  /** Training seeds, each seed's value being its mean over direction pairs. */
  TRAINING_SEEDS;

  /** The lower-case name written to result files. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
