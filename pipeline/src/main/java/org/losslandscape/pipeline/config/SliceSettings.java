package org.losslandscape.pipeline.config;

import java.util.List;
import java.util.Objects;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.sharpness.SliceSharpness;

/**
 * How every model is sliced and how its sharpness is measured.
 *
 * @param grid the grid of slice coordinates
 * @param normalization how directions are scaled to the weights
 * @param biasRule what the directions do to the biases: zero (default, Li et al.'s {@code
 *     ignore=biasbn}), gaussian (a normalized Gaussian draw), li (d = b, Li et al.'s code)
 * @param samples examples per grid point: a fixed seeded subset of {@code split}
 * @param split the split the slice is evaluated on
 * @param directionSeed seed of the first direction pair (pair k uses seed + k)
 * @param directionPairs independent direction pairs per model
 * @param radii slice-sharpness radii, in direction units
 */
public record SliceSettings(
    GridSpec grid,
    Normalization normalization,
    BiasRule biasRule,
    int samples,
    DataSplit split,
    long directionSeed,
    int directionPairs,
    List<Double> radii) {

  public SliceSettings {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(biasRule, "biasRule");
    radii = List.copyOf(radii);
    if (samples < 1) {
      throw new IllegalArgumentException("landscape samples must be >= 1, got " + samples);
    }
    if (directionPairs < 1) {
      throw new IllegalArgumentException("direction pairs must be >= 1, got " + directionPairs);
    }
    SliceSharpness.checkRadii(radii);
  }

  /**
   * 31x31 on [-1, 1], filter-normalized, biases fixed, 10,000 training examples, direction seed 7,
   * 3 pairs, radii 0.1, 0.25, 0.5, 1.0.
   */
  public static SliceSettings defaults() {
    return new SliceSettings(
        new GridSpec(31, -1, 1),
        Normalization.FILTER,
        BiasRule.ZERO,
        10_000,
        DataSplit.TRAIN,
        7,
        3,
        List.of(0.1, 0.25, 0.5, 1.0));
  }
}
