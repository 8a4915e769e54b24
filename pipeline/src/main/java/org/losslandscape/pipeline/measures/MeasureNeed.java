package org.losslandscape.pipeline.measures;

/** What a measure needs of a run beyond the trained weights. */
public enum MeasureNeed {
  /**
   * The 2-D slices of the run ({@link MeasureInput#slices}): evaluated by the landscape stage,
   * which then computes the measure, not by the measure stage.
   */
  SLICE,
  /** The mean training loss over the landscape samples, with its gradient and Hessian. */
  SAMPLE_LOSS,
  /** The same loss over the samples in batches of {@code --m-sharpness} samples. */
  BATCH_LOSSES
}
