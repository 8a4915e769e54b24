package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * How one model was sliced, and what the first pair's slice holds.
 *
 * @param gridSize points per axis
 * @param range the coordinate range on both axes, [min, max]
 * @param normalization direction normalization
 * @param includeBias biases perturbed too
 * @param biasRule the bias direction rule: {@code zero}, {@code gaussian} (a Gaussian draw
 *     normalized like the weights) or {@code li} (d = b)
 * @param batchNormRule the rule for batch norm's scales and shifts, when it is not the bias rule
 *     ({@code --bn-rule}); absent otherwise
 * @param split the split the slice was evaluated on
 * @param samples examples per grid point
 * @param requestedSamples examples asked for, when more than the split holds
 * @param directionSeed seed of the first direction pair
 * @param directionPairs direction pairs
 * @param centerLoss loss at (0, 0): the trained weights
 * @param minLoss smallest finite loss on the first pair's grid
 * @param maxLoss largest finite loss on the first pair's grid
 */
public record LandscapeSummary(
    int gridSize,
    List<Double> range,
    String normalization,
    boolean includeBias,
    String biasRule,
    String batchNormRule,
    String split,
    int samples,
    Integer requestedSamples,
    long directionSeed,
    int directionPairs,
    double centerLoss,
    double minLoss,
    double maxLoss) {

  public LandscapeSummary {
    range = List.copyOf(range);
  }
}
