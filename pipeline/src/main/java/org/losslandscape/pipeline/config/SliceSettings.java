package org.losslandscape.pipeline.config;

import java.util.List;
import java.util.Objects;
import org.losslandscape.models.directions.BiasRule;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.network.BatchNormMode;
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
 * @param slicedSeeds how many seeds of every recipe are sliced, from the first ({@link #ALL_SEEDS}
 *     for all): slices are the costly measure, so further seeds may get only the measures beyond
 *     the slices, which every seed gets
 * @param batchNorm which statistics a network's batch-norm layers use at every point of a slice
 *     ({@code --bn-mode}); measures always use the stored ones
 * @param batchNormRule what the directions do to batch norm's scales and shifts ({@code --bn-rule};
 *     by default the bias rule, as Li et al.'s {@code ignore=biasbn} treats both)
 */
public record SliceSettings(
    GridSpec grid,
    Normalization normalization,
    BiasRule biasRule,
    int samples,
    DataSplit split,
    long directionSeed,
    int directionPairs,
    List<Double> radii,
    int slicedSeeds,
    BatchNormMode batchNorm,
    BiasRule batchNormRule) {

  /** {@link #slicedSeeds} for "slice every seed". */
  public static final int ALL_SEEDS = Integer.MAX_VALUE;

  /** The directions of pair {@code pair}, normalized as these settings say. */
  public DirectionSpec directions(int pair) {
    return new DirectionSpec(normalization, biasRule, batchNormRule, directionSeed + pair);
  }

  /**
   * Settings whose batch-norm layers (if any) keep their stored statistics on the slice, their
   * scales and shifts following the bias rule.
   */
  public SliceSettings(
      GridSpec grid,
      Normalization normalization,
      BiasRule biasRule,
      int samples,
      DataSplit split,
      long directionSeed,
      int directionPairs,
      List<Double> radii,
      int slicedSeeds) {
    this(
        grid,
        normalization,
        biasRule,
        samples,
        split,
        directionSeed,
        directionPairs,
        radii,
        slicedSeeds,
        BatchNormMode.FROZEN,
        biasRule);
  }

  /** Settings that slice every seed. */
  public SliceSettings(
      GridSpec grid,
      Normalization normalization,
      BiasRule biasRule,
      int samples,
      DataSplit split,
      long directionSeed,
      int directionPairs,
      List<Double> radii) {
    this(
        grid,
        normalization,
        biasRule,
        samples,
        split,
        directionSeed,
        directionPairs,
        radii,
        ALL_SEEDS);
  }

  public SliceSettings {
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(biasRule, "biasRule");
    Objects.requireNonNull(batchNorm, "batchNorm");
    Objects.requireNonNull(batchNormRule, "batchNormRule");
    radii = List.copyOf(radii);
    if (samples < 1) {
      throw new IllegalArgumentException("landscape samples must be >= 1, got " + samples);
    }
    if (directionPairs < 1) {
      throw new IllegalArgumentException("direction pairs must be >= 1, got " + directionPairs);
    }
    SliceSharpness.checkRadii(radii);
    if (slicedSeeds < 1) {
      throw new IllegalArgumentException("sliced seeds must be >= 1 or all, got " + slicedSeeds);
    }
  }

  /** True when {@code run} is among the seeds that are sliced. */
  public boolean slices(RunId run) {
    return run.seedIndex() < slicedSeeds;
  }

  /** How many of {@code seeds} seeds per recipe are sliced. */
  public int slicedOf(int seeds) {
    return Math.min(seeds, slicedSeeds);
  }

  /**
   * 31x31 on [-1, 1], filter-normalized, biases fixed, 10,000 training examples, direction seed 7,
   * 3 pairs, radii 0.1, 0.25, 0.5, 1.0, the first seed of every recipe sliced (the one the figures
   * show; the others get the measures beyond the slices).
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
        List.of(0.1, 0.25, 0.5, 1.0),
        1);
  }
}
