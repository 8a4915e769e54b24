package org.losslandscape.pipeline.stages;

import org.losslandscape.models.mlp.Parameters;

/**
 * Weights to slice, with the names their results are filed under.
 *
 * @param name the configuration (or model) name: figure label and grouping key
 * @param folder results folder relative to the output folder
 * @param parameters the weights at the centre of the slice
 */
public record NamedWeights(String name, String folder, Parameters parameters) {}
