package org.losslandscape.pipeline.measures;

import java.util.List;
import java.util.Optional;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.config.RunId;

/**
 * What a measure computes on: one trained model and the run's data. The measure stage gives the
 * losses over the landscape samples; the landscape stage gives a measure that needs {@link
 * MeasureNeed#SLICE} the model's slices instead ({@link #ofSlices}), and no losses.
 *
 * @param run the run
 * @param parameters the trained weights
 * @param theta the same weights flattened in {@code loss}'s layout (null in {@link #ofSlices})
 * @param loss the mean training loss over the landscape samples ({@link MeasureNeed#SAMPLE_LOSS};
 *     null in {@link #ofSlices})
 * @param batchLosses the same in batches of m samples ({@link MeasureNeed#BATCH_LOSSES}), when any
 *     measure asks for them
 * @param slices the model's slices, one per direction pair, first pair first ({@link
 *     MeasureNeed#SLICE}); empty on the measure stage
 */
public record MeasureInput(
    RunId run,
    Parameters parameters,
    double[] theta,
    DifferentiableLoss loss,
    Optional<DifferentiableLoss> batchLosses,
    List<ModelSlice> slices) {

  public MeasureInput {
    slices = List.copyOf(slices);
  }

  /** The input of the measure stage: the losses over the landscape samples, no slices. */
  public MeasureInput(
      RunId run,
      Parameters parameters,
      double[] theta,
      DifferentiableLoss loss,
      Optional<DifferentiableLoss> batchLosses) {
    this(run, parameters, theta, loss, batchLosses, List.of());
  }

  /** The input of a measure of the slices: the model and its slices, no losses. */
  public static MeasureInput ofSlices(RunId run, Parameters parameters, List<ModelSlice> slices) {
    return new MeasureInput(run, parameters, null, null, Optional.empty(), slices);
  }
}
