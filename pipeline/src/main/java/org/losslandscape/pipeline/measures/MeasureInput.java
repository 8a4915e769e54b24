package org.losslandscape.pipeline.measures;

import java.util.Optional;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.config.RunId;

/**
 * What a measure computes on: one trained model and the run's data.
 *
 * @param run the run
 * @param parameters the trained weights
 * @param theta the same weights flattened in {@code loss}'s layout
 * @param loss the mean training loss over the landscape samples ({@link MeasureNeed#SAMPLE_LOSS})
 * @param batchLosses the same in batches of m samples ({@link MeasureNeed#BATCH_LOSSES}), when any
 *     measure asks for them
 */
public record MeasureInput(
    RunId run,
    Parameters parameters,
    double[] theta,
    DifferentiableLoss loss,
    Optional<DifferentiableLoss> batchLosses) {}
