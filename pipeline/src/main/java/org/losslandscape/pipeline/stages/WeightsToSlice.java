package org.losslandscape.pipeline.stages;

import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.config.RunId;

/**
 * Weights to slice, with the run they belong to.
 *
 * @param run the run's identity (its results folder follows from it)
 * @param parameters the weights at the centre of the slice
 */
public record WeightsToSlice(RunId run, Parameters parameters) {

  /** The same run with {@code other} parameters (e.g. the network in another batch-norm mode). */
  public WeightsToSlice withParameters(Parameters other) {
    return new WeightsToSlice(run, other);
  }
}
