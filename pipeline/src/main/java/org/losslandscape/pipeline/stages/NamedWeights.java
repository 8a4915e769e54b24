package org.losslandscape.pipeline.stages;

import org.losslandscape.models.mlp.Parameters;

/**
 * Weights to slice, with the name their results are filed under.
 *
 * @param name       results sub-folder and figure label
 * @param parameters the weights at the centre of the slice
 */
public record NamedWeights(String name, Parameters parameters) {
}
