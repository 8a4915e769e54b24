package org.losslandscape.models.directions;

/**
 * How to draw a {@link DirectionPair}.
 *
 * @param normalization how each direction is scaled to the weights
 * @param includeBias false (default, Li's {@code ignore=biasbn}) zeroes every bias entry; true
 *     keeps them, normalized as a whole vector to the bias's norm
 * @param seed seeds the Gaussian draw; the same seed gives the same raw draw for every model of one
 *     architecture, so models differ only by their weights
 */
public record DirectionSpec(Normalization normalization, boolean includeBias, long seed) {}
