package org.losslandscape.pipeline.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Options of the landscape slice, the sharpness measure and the figures. */
public final class SliceOptions {

  @Option(
      names = "--grid-size",
      paramLabel = "N",
      defaultValue = "31",
      description = "Points per axis, odd >= 3 (default: ${DEFAULT-VALUE}).")
  int gridSize;

  @Option(
      names = "--range",
      paramLabel = "MIN:MAX",
      defaultValue = "-1:1",
      description =
          "Coordinate range on both axes, in direction units (default: ${DEFAULT-VALUE}).")
  String range;

  @Option(
      names = "--normalization",
      paramLabel = "filter|layer|none",
      defaultValue = "filter",
      description = "Direction normalization (default: ${DEFAULT-VALUE}).")
  String normalization;

  @Option(
      names = "--include-bias",
      description = "Perturb biases too (normalized as whole vectors); default: biases fixed.")
  boolean includeBias;

  @Option(
      names = "--landscape-samples",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Examples per grid point, a fixed seeded subset (default: ${DEFAULT-VALUE}).")
  int landscapeSamples;

  @Option(
      names = "--landscape-split",
      paramLabel = "train|test",
      defaultValue = "train",
      description = "Split the landscape is evaluated on (default: ${DEFAULT-VALUE}).")
  String landscapeSplit;

  @Option(
      names = "--direction-seed",
      paramLabel = "N",
      defaultValue = "7",
      description = "Seed of the first direction pair (default: ${DEFAULT-VALUE}).")
  long directionSeed;

  @Option(
      names = "--direction-pairs",
      paramLabel = "K",
      defaultValue = "3",
      description =
          "Independent direction pairs per model; sharpness is reported as mean and 95%% interval "
              + "over them (default: ${DEFAULT-VALUE}).")
  int directionPairs;

  @Option(
      names = "--eps",
      paramLabel = "E,...",
      split = ",",
      defaultValue = "0.1,0.25,0.5,1.0",
      description = "Sharpness radii in direction units (default: ${DEFAULT-VALUE}).")
  List<Double> eps;

  @Option(names = "--log-scale", description = "Logarithmic colour scale in the figures.")
  boolean logScale;

  @Option(names = "--no-plots", description = "Skip the figures (numbers and arrays only).")
  boolean noPlots;

  /** Parses {@code --range MIN:MAX}. */
  double[] parsedRange() {
    String[] parts = range.split(":");
    try {
      if (parts.length == 2) {
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
      }
    } catch (NumberFormatException e) {
      // fall through to the one-line error
    }
    throw new IllegalArgumentException("--range must be MIN:MAX, e.g. -1:1, got '" + range + "'");
  }
}
